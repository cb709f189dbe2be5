package httpapi

// APIPrefix is the path prefix of the versioned API.
const APIPrefix = "/api/v1"

// routes registers every route and middleware. openapi.json describes the
// same routes, and a test fails when the two disagree.
func (s *Server) routes() {
	e := s.echo
	e.Use(s.assignRequestID, s.logRequests, s.measureRequests, s.recoverPanics)
	e.Use(s.authenticate, s.limitRate, s.authorize, s.limitRequestBody, s.limitDuration)

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.serveMetrics)

	api := e.Group(APIPrefix)
	api.GET("/openapi.json", s.openAPIDocument)
	api.GET("/accounts", s.listAccounts)
	api.GET("/accounts/:id", s.getAccount)
	api.GET("/accounts/:id/report", s.getReport)
	api.GET("/accounts/:id/trend", s.getTrend)
	api.GET("/portfolio", s.getPortfolio)
	api.GET("/portfolio/consistency", s.getConsistency)
	api.POST("/portfolio/writeback", s.createWriteback)
	api.GET("/exposure", s.listExposure)
	api.GET("/people/:id/exposure", s.getPersonExposure)
	api.GET("/alerts", s.listAlerts)
	api.GET("/accounts/:id/suggestions", s.getAccountSuggestions)
	api.POST("/accounts/:id/simulate", s.simulateAccount)
	api.POST("/simulate", s.simulatePortfolio)
	api.GET("/people/:id", s.getPerson)
	api.GET("/people/:id/handover", s.getHandover)
	api.POST("/people/:id/departure", s.markDeparture)
	api.GET("/people/:id/suggestions", s.getPersonSuggestions)
	api.GET("/notes", s.listNotes)
	api.POST("/notes", s.createNote)
	api.GET("/notes/search", s.searchNotes)
	api.GET("/notes/:id", s.getNote)
	api.PUT("/notes/:id", s.updateNote)
	api.DELETE("/notes/:id", s.deleteNote)
	api.POST("/imports", s.createImport, s.limitBody)
	api.GET("/keys", s.listKeys)
	api.POST("/keys", s.createKey)
	api.DELETE("/keys/:id", s.deleteKey)
}
