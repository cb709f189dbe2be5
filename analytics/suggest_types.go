package analytics

// AccountSuggestions is the result of Suggest: the suggested next
// connections of one account in the order Suggest picked them.
type AccountSuggestions struct {
	AccountID string  `json:"account_id"`
	Threshold float64 `json:"threshold"`
	Strength  float64 `json:"strength"` // assumed strength of each suggested relationship
	MaxHops   int     `json:"max_hops"` // maximum length of an introduction path
	// Before describes the account as it is, After the account with every
	// suggested relationship added.
	Before      Resilience   `json:"before"`
	After       Resilience   `json:"after"`
	Suggestions []Suggestion `json:"suggestions"`
}

// Resilience is a summary of one state of an account, with the values that
// a suggestion can change.
type Resilience struct {
	BusFactor *int `json:"bus_factor"` // null when the account has no key stakeholders
	// KeyStakeholderThreads is the sum of the threads of the key
	// stakeholders.
	KeyStakeholderThreads int `json:"key_stakeholder_threads"`
	Unreached             int `json:"unreached"`
	SinglePoints          int `json:"single_points_of_failure"`
	// CutOffTotal is the summed size of the cut_off sets of the single
	// points of failure: the number of (single point, customer person) pairs
	// in which that one person's loss cuts the customer off.
	CutOffTotal int `json:"cut_off_total"`
	// CoveredCells and OccupiedCells add up the three coverage dimensions.
	CoveredCells  int `json:"covered_cells"`
	OccupiedCells int `json:"occupied_cells"`
}

// Suggestion is one suggested relationship between a vendor person and a
// customer person who have no qualifying relationship yet.
type Suggestion struct {
	Rank     int     `json:"rank"` // 1 for the first pick
	Vendor   Contact `json:"vendor"`
	Customer Contact `json:"customer"`
	// CurrentStrength is the strength of a relationship between the two
	// that exists below the threshold, or 0 when there is none.
	CurrentStrength float64 `json:"current_strength,omitempty"`
	Score           Score   `json:"score"`
	// Before is the account with the suggestions of lower rank added, and
	// After adds this suggestion too.
	Before       Resilience    `json:"before"`
	After        Resilience    `json:"after"`
	Gain         Gain          `json:"gain"`
	PeerFit      PeerFit       `json:"peer_fit"`
	Introduction *Introduction `json:"introduction"` // null when no warm path exists
	Reason       string        `json:"reason"`       // plain-language summary
}

// Contact names one person of a suggestion.
type Contact struct {
	PersonID  string `json:"person_id"`
	Name      string `json:"name"`
	Title     string `json:"title,omitempty"`
	Function  string `json:"function,omitempty"`
	Seniority string `json:"seniority,omitempty"`
	Role      string `json:"role,omitempty"`
}

// Gain lists what a suggestion changes, each with its value before and
// after the suggested relationship is added.
type Gain struct {
	// KeyStakeholders lists the key stakeholders whose threads rise, by id.
	KeyStakeholders []ThreadsChange `json:"key_stakeholders"`
	// SinglePoints lists the single points of failure whose cut_off size
	// changes, by id. After is 0 when the person is no longer one. A cut_off
	// grows only when the suggestion reaches people who then depend on it.
	SinglePoints []CutOffChange `json:"single_points_of_failure"`
	// Reached lists the customer people reached for the first time, sorted.
	Reached []string `json:"reached"`
	// CoveredCells lists the occupied coverage cells covered for the first
	// time.
	CoveredCells CoveredCells `json:"covered_cells"`
}

// ThreadsChange is the change of one key stakeholder's threads.
type ThreadsChange struct {
	PersonID string `json:"person_id"`
	Before   int    `json:"before"`
	After    int    `json:"after"`
	// MinCutBefore is the minimum cut that KeyStakeholders reported before:
	// the people whose loss cut the stakeholder off.
	MinCutBefore []string `json:"min_cut_before"`
}

// CutOffChange is the change of one single point of failure's cut_off
// size.
type CutOffChange struct {
	PersonID string `json:"person_id"`
	Before   int    `json:"before"`
	After    int    `json:"after"`
}

// CoveredCells lists coverage cells, one list per dimension, with labels
// as Coverage reports them.
type CoveredCells struct {
	FunctionSeniority []FunctionSeniorityKey `json:"function_seniority"`
	BusinessUnit      []string               `json:"business_unit"`
	Geography         []string               `json:"geography"`
}

// FunctionSeniorityKey is the label of a function x seniority cell.
type FunctionSeniorityKey struct {
	Function  string `json:"function"`
	Seniority string `json:"seniority"`
}

// count returns the number of cells in c.
func (c CoveredCells) count() int {
	return len(c.FunctionSeniority) + len(c.BusinessUnit) + len(c.Geography)
}

// Introduction is the warm-introduction path of a suggestion: the
// strongest chain of existing qualifying relationships, at most MaxHops
// long, that leads from our organisation to the customer person. It starts
// at the suggested vendor person or at a colleague, because people inside
// our company reach each other freely, and every other person on it is a
// customer person of the account. When the vendor person's own chain is
// as strong as the strongest, the introduction uses it.
type Introduction struct {
	// IntroducerID is the person on the path with a relationship to the
	// customer, the one to ask for the introduction.
	IntroducerID   string `json:"introducer_id"`
	IntroducerName string `json:"introducer_name"`
	// ViaColleague is true when the path starts at a colleague of the
	// suggested vendor person, whose chain is stronger than the vendor
	// person's own, or the only one.
	ViaColleague bool `json:"via_colleague"`
	// Path runs from its first person, the vendor person or the colleague,
	// to the customer person. Strengths[i] is the strength of the
	// relationship between Path[i] and Path[i+1].
	Path      []Contact `json:"path"`
	Strengths []float64 `json:"strengths"`
	Hops      int       `json:"hops"`
	// Strength is the product of Strengths.
	Strength float64 `json:"strength"`
}

// PeerFit is the match between the vendor person and the customer person
// as peers.
type PeerFit struct {
	// Function is "same" for equal normalised functions, "matching" for a
	// pair in the table of matching functions, "different", or "unknown"
	// when either function is empty.
	Function string `json:"function"`
	// SeniorityGap is the absolute difference of the seniority levels. It
	// is null when either seniority is unknown.
	SeniorityGap *int `json:"seniority_gap"`
	// Score adds 2 for the same function or 1 for a matching one, and 1
	// when the seniorities are at most one level apart.
	Score int `json:"score"`
}

// PersonSuggestions is the result of SuggestForPerson: one vendor person's
// suggestions across the accounts that person touches.
type PersonSuggestions struct {
	PersonID  string               `json:"person_id"`
	Name      string               `json:"name"`
	Threshold float64              `json:"threshold"`
	Strength  float64              `json:"strength"`
	MaxHops   int                  `json:"max_hops"`
	Accounts  []PersonAccountEntry `json:"accounts"` // sorted by account id
}

// PersonAccountEntry is one account of PersonSuggestions.
type PersonAccountEntry struct {
	AccountID   string `json:"account_id"`
	AccountName string `json:"account_name"`
	Owner       bool   `json:"owner"` // the person owns the account
	// Suggestions are the person's own next connections, as Suggest returns
	// them with the person as the only permitted vendor.
	Suggestions []Suggestion `json:"suggestions"`
	// Introductions are the account's suggestions, for every permitted
	// vendor person, whose introducer is the person.
	Introductions []Suggestion `json:"introductions"`
}
