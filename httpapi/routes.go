package httpapi

// APIPrefix is the path prefix of the versioned API.
const APIPrefix = "/api/v1"

// routes registers every route and middleware. openapi.json describes the
// same routes, and a test fails when the two disagree.
func (s *Server) routes() {
	e := s.echo
	e.Use(s.assignRequestID, s.logRequests, s.recoverPanics)

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)

	api := e.Group(APIPrefix)
	api.GET("/openapi.json", s.openAPIDocument)
	api.GET("/accounts", s.listAccounts)
	api.GET("/accounts/:id", s.getAccount)
	api.GET("/accounts/:id/report", s.getReport)
	api.POST("/imports", s.createImport, s.limitBody)
}
