package analytics

// Report is the resilience report of one account. Its JSON form is the
// report contract served by the API and printed by the CLI: lists of ids
// are sorted and numbers are plain JSON numbers.
type Report struct {
	AccountID     string  `json:"account_id"`
	Threshold     float64 `json:"threshold"`
	People        int     `json:"people"`        // nodes of G(A)
	Relationships int     `json:"relationships"` // edges of G(A)

	Unreached             []string           `json:"unreached"`
	SinglePointsOfFailure []SinglePoint      `json:"single_points_of_failure"`
	Bridges               []Bridge           `json:"bridges"`
	Threads               map[string]int     `json:"threads"`
	KeyStakeholders       []KeyStakeholder   `json:"key_stakeholders"`
	BusFactor             *int               `json:"bus_factor"`
	Betweenness           map[string]float64 `json:"betweenness"`

	// BetweennessMode is the method behind Betweenness: BetweennessExact,
	// or BetweennessSampled for an estimate from BetweennessSamples
	// sampled sources (see BetweennessSample).
	BetweennessMode string `json:"betweenness_mode"`
	// BetweennessSamples and BetweennessSeed are the number of sampled
	// sources and the seed of the estimate. Both are absent from the JSON
	// form unless BetweennessMode is BetweennessSampled.
	BetweennessSamples int     `json:"betweenness_samples,omitempty"`
	BetweennessSeed    *uint64 `json:"betweenness_seed,omitempty"`
	// BetweennessErrorBound is the BetweennessErrorBound of the estimate:
	// with probability at least 1 - BetweennessErrorProbability, every
	// value of Betweenness is within it of the exact one. Both are 0 when
	// BetweennessMode is BetweennessExact.
	BetweennessErrorBound       float64 `json:"betweenness_error_bound"`
	BetweennessErrorProbability float64 `json:"betweenness_error_probability"`

	Coverage Coverage      `json:"coverage"`
	Vendor   VendorBreadth `json:"vendor"`

	// Departures lists the people who left in the period of
	// Options.DeparturesFrom and DeparturesTo, with the relationships the
	// account lost, as the function Departures defines them. It is absent
	// from the JSON form when no departure falls in the period.
	Departures []Departure `json:"departures,omitempty"`
}

// SinglePoint is a person whose loss leaves some reached customer people
// without any path from our organisation.
type SinglePoint struct {
	PersonID string   `json:"person_id"`
	Side     string   `json:"side"`
	CutOff   []string `json:"cut_off"` // customer people who become unreached, sorted
}

// Bridge is a relationship whose loss leaves some reached customer people
// without any path from our organisation.
type Bridge struct {
	PersonA string   `json:"person_a"` // PersonA < PersonB
	PersonB string   `json:"person_b"`
	CutOff  []string `json:"cut_off"`
}

// KeyStakeholder is a customer person whose threads set the bus factor.
type KeyStakeholder struct {
	PersonID  string `json:"person_id"`
	Role      string `json:"role,omitempty"`
	Seniority string `json:"seniority,omitempty"`
	Threads   int    `json:"threads"`
	// MinCut is one minimum set of people, other than the stakeholder, whose
	// loss cuts the stakeholder off; its size equals Threads. Empty when
	// the stakeholder is unreached.
	MinCut []string `json:"min_cut"`
}

// Coverage measures how much of the customer organisation our vendor
// people reach, in three separate dimensions.
type Coverage struct {
	FunctionSeniority  Dimension[FunctionSeniorityCell] `json:"function_seniority"`
	BusinessUnit       Dimension[BusinessUnitCell]      `json:"business_unit"`
	Geography          Dimension[GeographyCell]         `json:"geography"`
	ExpectedFunctions  []string                         `json:"expected_functions"`
	UnchartedFunctions []string                         `json:"uncharted_functions"`
}

// Dimension is one coverage dimension: its occupied cells (those holding at
// least one active customer person) and how many of them are covered.
type Dimension[C any] struct {
	Occupied int      `json:"occupied"`
	Covered  int      `json:"covered"`
	Breadth  *float64 `json:"breadth"` // Covered / Occupied; null when no cell is occupied
	Cells    []C      `json:"cells"`
}

// CellStats is the measurement of one coverage cell.
type CellStats struct {
	People  int      `json:"people"`  // active customer people in the cell
	Covered bool     `json:"covered"` // one of them has a qualifying relationship with a vendor person
	Depth   int      `json:"depth"`   // distinct vendor people with such relationships into the cell
	Vendors []string `json:"vendors"` // those vendor people, sorted
}

// FunctionSeniorityCell is a function x seniority cell. Function is
// trimmed and lower-cased; an empty value means not recorded.
type FunctionSeniorityCell struct {
	Function  string `json:"function"`
	Seniority string `json:"seniority"`
	CellStats
}

// BusinessUnitCell is a business-unit cell (value trimmed).
type BusinessUnitCell struct {
	BusinessUnit string `json:"business_unit"`
	CellStats
}

// GeographyCell is a geography cell (value trimmed).
type GeographyCell struct {
	Geography string `json:"geography"`
	CellStats
}

// VendorBreadth measures how widely our own organisation engages the
// account, over qualifying relationships between vendor people and active
// customer people of the account.
type VendorBreadth struct {
	People        int      `json:"people"`         // vendor people with at least one such relationship
	Functions     []string `json:"functions"`      // their distinct non-empty functions, normalised and sorted
	FunctionCount int      `json:"function_count"` // len(Functions)
	TotalStrength float64  `json:"total_strength"` // summed strength of those relationships
	TopPersonID   string   `json:"top_person_id,omitempty"`
	// Concentration is the share of TotalStrength held by the strongest
	// vendor person (ties broken by the smaller id); null when there are
	// no vendor-customer relationships.
	Concentration *float64 `json:"concentration"`
	// Herfindahl is the sum of squared shares over vendor people, from
	// 1/People (even) to 1 (one person holds everything).
	Herfindahl *float64      `json:"herfindahl"`
	Shares     []VendorShare `json:"shares"` // by share descending, then id
}

// VendorShare is one vendor person's part of the vendor-customer strength.
type VendorShare struct {
	PersonID string  `json:"person_id"`
	Strength float64 `json:"strength"`
	Share    float64 `json:"share"`
}
