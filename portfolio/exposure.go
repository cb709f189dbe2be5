package portfolio

import "sort"

// Exposure is the ARR that hinges on one vendor person: the ARR of every
// account where they are a single point of failure for a key stakeholder
// or hold the largest share of our relationship strength.
type Exposure struct {
	PersonID   string           `json:"person_id"`
	Name       string           `json:"name,omitempty"`
	ExposedARR float64          `json:"exposed_arr"`
	Accounts   []ExposedAccount `json:"accounts"` // sorted by ARR, largest first, then id
}

// ExposedAccount is one account in an Exposure.
type ExposedAccount struct {
	AccountID string  `json:"account_id"`
	Name      string  `json:"name"`
	ARR       float64 `json:"arr"`
	Risk      Risk    `json:"risk"`
	// Reasons are "spof" when the person is a single point of failure for
	// a key stakeholder, and "top_share" when they hold the largest share
	// of the vendor-customer relationship strength.
	Reasons []string `json:"reasons"`
	// KeyStakeholdersCutOff are the key stakeholders the person's loss
	// cuts off, sorted; empty unless Reasons holds "spof".
	KeyStakeholdersCutOff []string `json:"key_stakeholders_cut_off"`
	// Share is the person's share of the strength; null unless Reasons
	// holds "top_share".
	Share *float64 `json:"share"`
}

// Exposure reasons.
const (
	ExposureSPOF     = "spof"
	ExposureTopShare = "top_share"
)

// Exposures returns the exposure of every vendor person with an exposed
// account, ranked by exposed ARR (largest first), then by person id.
func Exposures(results []*AccountResult) []Exposure {
	byPerson := make(map[string]*Exposure)
	get := func(id string, r *AccountResult) *Exposure {
		e, ok := byPerson[id]
		if !ok {
			e = &Exposure{PersonID: id, Accounts: []ExposedAccount{}}
			byPerson[id] = e
		}
		if e.Name == "" {
			e.Name = r.Names[id]
		}
		return e
	}
	for _, r := range results {
		accounts := make(map[string]*ExposedAccount)
		exposed := func(id string) *ExposedAccount {
			a, ok := accounts[id]
			if !ok {
				a = &ExposedAccount{AccountID: r.Metrics.AccountID, Name: r.Name, ARR: r.Metrics.ARR,
					Risk: Risk(r.Metrics.Risk), Reasons: []string{}, KeyStakeholdersCutOff: []string{}}
				accounts[id] = a
			}
			return a
		}
		for _, s := range r.SPOFs {
			if s.Side != "vendor" || len(s.KeyStakeholders) == 0 {
				continue
			}
			a := exposed(s.PersonID)
			a.Reasons = append(a.Reasons, ExposureSPOF)
			a.KeyStakeholdersCutOff = append(a.KeyStakeholdersCutOff, s.KeyStakeholders...)
		}
		if r.TopVendorID != "" {
			a := exposed(r.TopVendorID)
			a.Reasons = append(a.Reasons, ExposureTopShare)
			a.Share = r.TopVendorShare
		}
		for id, a := range accounts {
			e := get(id, r)
			e.ExposedARR += a.ARR
			e.Accounts = append(e.Accounts, *a)
		}
	}

	out := make([]Exposure, 0, len(byPerson))
	for _, e := range byPerson {
		sort.Slice(e.Accounts, func(i, j int) bool {
			if e.Accounts[i].ARR != e.Accounts[j].ARR {
				return e.Accounts[i].ARR > e.Accounts[j].ARR
			}
			return e.Accounts[i].AccountID < e.Accounts[j].AccountID
		})
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ExposedARR != out[j].ExposedARR {
			return out[i].ExposedARR > out[j].ExposedARR
		}
		return out[i].PersonID < out[j].PersonID
	})
	return out
}

// ExposureOf returns the exposure of one person, with no accounts when
// nothing hinges on them.
func ExposureOf(results []*AccountResult, personID string) Exposure {
	for _, e := range Exposures(results) {
		if e.PersonID == personID {
			return e
		}
	}
	e := Exposure{PersonID: personID, Accounts: []ExposedAccount{}}
	for _, r := range results {
		if name, ok := r.Names[personID]; ok {
			e.Name = name
			break
		}
	}
	return e
}
