package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestClientClosedLoggedAsWarning(t *testing.T) {
	ts := newTestServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/accounts/acct-03/report", nil).WithContext(ctx)
	ts.do(req)

	var record string
	for _, line := range strings.Split(ts.logs.String(), "\n") {
		if strings.Contains(line, `"msg":"http request"`) && strings.Contains(line, "/report") {
			record = line
		}
	}
	if record == "" {
		t.Fatalf("no request log for the report:\n%s", ts.logs.String())
	}
	if !strings.Contains(record, `"level":"WARN"`) {
		t.Errorf("request log %s is not at WARN", record)
	}
	if !strings.Contains(record, `"client_closed":true`) {
		t.Errorf("request log %s lacks client_closed", record)
	}
}
