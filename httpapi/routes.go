package httpapi

// APIPrefix is the path prefix of the versioned API.
const APIPrefix = "/api/v1"

// routes registers every route and middleware. openapi.json describes the
// same routes, and a test fails when the two disagree. Every GET route
// also serves HEAD, which openapi.json states once in its description.
func (s *Server) routes() {
	e := s.echo
	e.Use(s.serveHead, s.assignRequestID, s.logRequests, s.measureRequests, s.recoverPanics)
	e.Use(s.authenticate, s.limitRate, s.authorize, s.limitRequestBody, s.limitDuration)

	handleGet(e, "/healthz", s.healthz)
	handleGet(e, "/readyz", s.readyz)
	handleGet(e, "/metrics", s.serveMetrics)

	api := e.Group(APIPrefix)
	handleGet(api, "/openapi.json", s.openAPIDocument)
	handleGet(api, "/accounts", s.listAccounts)
	handleGet(api, "/accounts/:id", s.getAccount)
	handleGet(api, "/accounts/:id/report", s.getReport)
	handleGet(api, "/accounts/:id/trend", s.getTrend)
	handleGet(api, "/portfolio", s.getPortfolio)
	handleGet(api, "/portfolio/consistency", s.getConsistency)
	api.POST("/portfolio/writeback", s.createWriteback)
	handleGet(api, "/exposure", s.listExposure)
	handleGet(api, "/people/:id/exposure", s.getPersonExposure)
	handleGet(api, "/alerts", s.listAlerts)
	handleGet(api, "/accounts/:id/suggestions", s.getAccountSuggestions)
	api.POST("/accounts/:id/simulate", s.simulateAccount)
	api.POST("/simulate", s.simulatePortfolio)
	handleGet(api, "/people/:id", s.getPerson)
	handleGet(api, "/people/:id/handover", s.getHandover)
	api.POST("/people/:id/departure", s.markDeparture)
	handleGet(api, "/people/:id/suggestions", s.getPersonSuggestions)
	handleGet(api, "/notes", s.listNotes)
	api.POST("/notes", s.createNote)
	handleGet(api, "/notes/search", s.searchNotes)
	handleGet(api, "/notes/:id", s.getNote)
	api.PUT("/notes/:id", s.updateNote)
	api.DELETE("/notes/:id", s.deleteNote)
	api.POST("/imports", s.createImport, s.limitBody)
	handleGet(api, "/keys", s.listKeys)
	api.POST("/keys", s.createKey)
	api.DELETE("/keys/:id", s.deleteKey)
}
