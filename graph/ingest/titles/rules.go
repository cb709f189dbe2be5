package titles

import "github.com/kamgraph/kamgraph/graph"

// Functions that inference returns. kamgraph compares functions
// case-insensitively, so these lower-case names match "Finance" or "IT"
// written by hand.
const (
	Executive   = "executive"
	Finance     = "finance"
	Procurement = "procurement"
	IT          = "it"
	Operations  = "operations"
	Legal       = "legal"
	Marketing   = "marketing"
	Sales       = "sales"
	Engineering = "engineering"
	HR          = "hr"
	Product     = "product"
)

// abbreviations expands short forms after tokenizing. Periods are removed
// before, so "Sr." and "V.P." arrive as "sr" and "vp".
var abbreviations = map[string]string{
	"sr":    "senior",
	"snr":   "senior",
	"jr":    "junior",
	"mgr":   "manager",
	"mngr":  "manager",
	"dir":   "director",
	"mktg":  "marketing",
	"eng":   "engineering",
	"engr":  "engineer",
	"ops":   "operations",
	"acctg": "accounting",
	"fin":   "finance",
	"admin": "administrator",
	"exec":  "executive",
	"asst":  "assistant",
	"assoc": "associate",
	"mgmt":  "management",
	"coord": "coordinator",
	"rep":   "representative",
	"&":     "and",
}

// functionRules map phrases to functions. Matching is greedy from the
// left, longest phrase first, so "sales engineer" wins over "engineer"
// and "product marketing" over "product". A rule with an empty function
// consumes its words without naming a function ("vice president" keeps
// "president" from reading as the executive function). A title whose
// phrases name two different functions gets none, because picking one
// would be a guess.
var functionRules = []phraseRule{
	// C-suite abbreviations and titles.
	{"ceo", Executive}, {"chief executive", Executive}, {"president", Executive},
	{"founder", Executive}, {"co founder", Executive}, {"cofounder", Executive},
	{"chairman", Executive}, {"chairwoman", Executive}, {"chair", Executive},
	{"chief of staff", Executive}, {"general manager", Executive}, {"managing director", Executive},
	{"cfo", Finance}, {"coo", Operations}, {"cio", IT}, {"ciso", IT},
	{"chief information officer", IT}, {"cto", Engineering}, {"chief technology officer", Engineering}, {"chief technical officer", Engineering},
	{"cmo", Marketing}, {"cro", Sales}, {"chro", HR}, {"clo", Legal},
	{"vice president", ""}, {"vp", ""}, {"svp", ""}, {"evp", ""},

	// Finance.
	{"finance", Finance}, {"financial", Finance}, {"accounting", Finance}, {"accountant", Finance},
	{"accounts payable", Finance}, {"accounts receivable", Finance}, {"controller", Finance},
	{"comptroller", Finance}, {"treasury", Finance}, {"treasurer", Finance}, {"fp&a", Finance},
	{"tax", Finance}, {"audit", Finance}, {"auditor", Finance}, {"payroll", Finance},
	{"billing", Finance}, {"credit", Finance}, {"investor relations", Finance},

	// Procurement.
	{"procurement", Procurement}, {"purchasing", Procurement}, {"sourcing", Procurement},
	{"buyer", Procurement}, {"vendor management", Procurement}, {"supplier", Procurement},
	{"category manager", Procurement}, {"it procurement", Procurement},

	// IT.
	{"it", IT}, {"information technology", IT}, {"information systems", IT},
	{"information security", IT}, {"infosec", IT}, {"cybersecurity", IT}, {"security", IT},
	{"infrastructure", IT}, {"network", IT}, {"network engineer", IT}, {"security engineer", IT},
	{"helpdesk", IT}, {"help desk", IT}, {"service desk", IT}, {"sysadmin", IT},
	{"system administrator", IT}, {"systems administrator", IT}, {"database administrator", IT},
	{"dba", IT}, {"erp", IT}, {"technology", IT}, {"it operations", IT},

	// Operations.
	{"operations", Operations}, {"operating", Operations}, {"logistics", Operations},
	{"supply chain", Operations}, {"facilities", Operations}, {"manufacturing", Operations},
	{"production", Operations}, {"plant", Operations}, {"warehouse", Operations},
	{"fulfillment", Operations}, {"distribution", Operations},

	// Legal.
	{"legal", Legal}, {"counsel", Legal}, {"general counsel", Legal}, {"attorney", Legal},
	{"lawyer", Legal}, {"paralegal", Legal}, {"compliance", Legal}, {"privacy", Legal},

	// Marketing.
	{"marketing", Marketing}, {"product marketing", Marketing}, {"marketing operations", Marketing},
	{"brand", Marketing}, {"demand generation", Marketing}, {"communications", Marketing},
	{"public relations", Marketing}, {"content", Marketing}, {"seo", Marketing},

	// Sales.
	{"sales", Sales}, {"sales engineer", Sales}, {"sales operations", Sales}, {"revenue", Sales},
	{"revenue operations", Sales}, {"account executive", Sales}, {"account manager", Sales},
	{"key account", Sales}, {"key account manager", Sales}, {"business development", Sales},
	{"bdr", Sales}, {"sdr", Sales}, {"inside sales", Sales}, {"channel", Sales},
	{"commercial", Sales}, {"partnerships", Sales},

	// Engineering.
	{"engineering", Engineering}, {"engineer", Engineering}, {"developer", Engineering},
	{"software", Engineering}, {"r&d", Engineering}, {"research and development", Engineering},
	{"devops", Engineering}, {"sre", Engineering}, {"site reliability", Engineering},
	{"qa", Engineering}, {"quality assurance", Engineering}, {"programmer", Engineering},
	{"hardware", Engineering}, {"firmware", Engineering},

	// HR.
	{"hr", HR}, {"human resources", HR}, {"hrbp", HR}, {"people", HR},
	{"chief people officer", HR}, {"people operations", HR}, {"talent", HR},
	{"recruiting", HR}, {"recruiter", HR}, {"recruitment", HR}, {"compensation", HR},
	{"benefits", HR}, {"learning and development", HR}, {"l&d", HR},

	// Product.
	{"product", Product}, {"product manager", Product}, {"product management", Product},
	{"product owner", Product},
}

// levelKind is the effect of a seniority phrase on the result.
type levelKind int

const (
	levelSets      levelKind = iota // the phrase names a level
	levelAmbiguous                  // the phrase means different levels in different organisations
	levelAssistant                  // the person assists someone; the level of the one assisted does not apply
)

// seniorityRules map phrases to levels. A title takes the highest level
// it names, so "Manager, Software Engineers" is a manager. Ambiguous
// phrases leave the seniority unknown. "Managing Director" is the chief
// executive in the UK and Germany but a rank below the C-suite in US
// banks. "Executive Director" is the chief executive of a nonprofit.
// "Deputy", "AVP" and "Associate Director" sit between levels.
var seniorityRules = []levelRule{
	{"assistant to", levelAssistant, graph.SeniorityIC},
	{"executive assistant", levelAssistant, graph.SeniorityIC},
	{"personal assistant", levelAssistant, graph.SeniorityIC},
	{"administrative assistant", levelAssistant, graph.SeniorityIC},

	{"managing director", levelAmbiguous, ""},
	{"executive director", levelAmbiguous, ""},
	{"associate director", levelAmbiguous, ""},
	{"assistant director", levelAmbiguous, ""},
	{"deputy", levelAmbiguous, ""},
	{"avp", levelAmbiguous, ""},
	{"assistant vice president", levelAmbiguous, ""},
	{"associate vice president", levelAmbiguous, ""},
	{"general manager", levelAmbiguous, ""},
	{"general counsel", levelAmbiguous, ""},
	{"chief of staff", levelAmbiguous, ""},
	{"partner", levelAmbiguous, ""},

	{"ceo", levelSets, graph.SeniorityCLevel}, {"cfo", levelSets, graph.SeniorityCLevel},
	{"coo", levelSets, graph.SeniorityCLevel}, {"cio", levelSets, graph.SeniorityCLevel},
	{"cto", levelSets, graph.SeniorityCLevel}, {"cmo", levelSets, graph.SeniorityCLevel},
	{"cro", levelSets, graph.SeniorityCLevel}, {"chro", levelSets, graph.SeniorityCLevel},
	{"ciso", levelSets, graph.SeniorityCLevel}, {"clo", levelSets, graph.SeniorityCLevel},
	{"cpo", levelSets, graph.SeniorityCLevel}, {"cdo", levelSets, graph.SeniorityCLevel},
	{"cxo", levelSets, graph.SeniorityCLevel}, {"president", levelSets, graph.SeniorityCLevel},
	{"founder", levelSets, graph.SeniorityCLevel}, {"co founder", levelSets, graph.SeniorityCLevel},
	{"cofounder", levelSets, graph.SeniorityCLevel}, {"chairman", levelSets, graph.SeniorityCLevel},
	{"chairwoman", levelSets, graph.SeniorityCLevel}, {"chair", levelSets, graph.SeniorityCLevel},

	{"vp", levelSets, graph.SeniorityVP}, {"svp", levelSets, graph.SeniorityVP},
	{"evp", levelSets, graph.SeniorityVP}, {"vice president", levelSets, graph.SeniorityVP},

	{"director", levelSets, graph.SeniorityDirector}, {"head", levelSets, graph.SeniorityDirector},

	{"manager", levelSets, graph.SeniorityManager}, {"team lead", levelSets, graph.SeniorityManager},
	{"team leader", levelSets, graph.SeniorityManager}, {"supervisor", levelSets, graph.SeniorityManager},

	// Titles that name a job, not a people-manager level.
	{"account manager", levelSets, graph.SeniorityIC}, {"key account manager", levelSets, graph.SeniorityIC},
	{"product manager", levelSets, graph.SeniorityIC}, {"project manager", levelSets, graph.SeniorityIC},
	{"program manager", levelSets, graph.SeniorityIC}, {"customer success manager", levelSets, graph.SeniorityIC},
	{"success manager", levelSets, graph.SeniorityIC}, {"territory manager", levelSets, graph.SeniorityIC},
	{"partner manager", levelSets, graph.SeniorityIC}, {"relationship manager", levelSets, graph.SeniorityIC},
	{"category manager", levelSets, graph.SeniorityIC}, {"community manager", levelSets, graph.SeniorityIC},
	{"business partner", levelSets, graph.SeniorityIC}, {"product owner", levelSets, graph.SeniorityIC},

	{"lead", levelSets, graph.SeniorityIC}, {"engineer", levelSets, graph.SeniorityIC},
	{"developer", levelSets, graph.SeniorityIC}, {"programmer", levelSets, graph.SeniorityIC},
	{"analyst", levelSets, graph.SeniorityIC}, {"specialist", levelSets, graph.SeniorityIC},
	{"associate", levelSets, graph.SeniorityIC}, {"coordinator", levelSets, graph.SeniorityIC},
	{"consultant", levelSets, graph.SeniorityIC}, {"accountant", levelSets, graph.SeniorityIC},
	{"administrator", levelSets, graph.SeniorityIC}, {"assistant", levelSets, graph.SeniorityIC},
	{"representative", levelSets, graph.SeniorityIC}, {"buyer", levelSets, graph.SeniorityIC},
	{"clerk", levelSets, graph.SeniorityIC}, {"scientist", levelSets, graph.SeniorityIC},
	{"designer", levelSets, graph.SeniorityIC}, {"counsel", levelSets, graph.SeniorityIC},
	{"attorney", levelSets, graph.SeniorityIC}, {"lawyer", levelSets, graph.SeniorityIC},
	{"paralegal", levelSets, graph.SeniorityIC}, {"recruiter", levelSets, graph.SeniorityIC},
	{"intern", levelSets, graph.SeniorityIC}, {"technician", levelSets, graph.SeniorityIC},
	{"agent", levelSets, graph.SeniorityIC}, {"planner", levelSets, graph.SeniorityIC},
	{"auditor", levelSets, graph.SeniorityIC}, {"account executive", levelSets, graph.SeniorityIC},
	{"sales executive", levelSets, graph.SeniorityIC}, {"marketing executive", levelSets, graph.SeniorityIC},
	{"bdr", levelSets, graph.SeniorityIC}, {"sdr", levelSets, graph.SeniorityIC},
}
