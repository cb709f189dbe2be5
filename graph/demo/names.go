package demo

// Word lists that the seed draws from. The companies are fictional.
var (
	firstNames = []string{
		"Aisha", "Alejandro", "Amara", "Anders", "Ana", "Arjun", "Beatriz", "Bongani",
		"Camille", "Chen", "Dalia", "Daniel", "Elif", "Emeka", "Erik", "Fatima",
		"Felix", "Grace", "Hana", "Hugo", "Ingrid", "Isaac", "Jana", "Jonas",
		"Kenji", "Keira", "Lars", "Leila", "Lucas", "Maya", "Mateo", "Mei",
		"Nadia", "Nikhil", "Noah", "Olga", "Omar", "Priya", "Rafael", "Rosa",
		"Samuel", "Sanna", "Sofia", "Tariq", "Tomas", "Uma", "Valentina", "Wei",
		"Yara", "Yusuf", "Zoe", "Marta", "Kofi", "Ines", "Pavel", "Ruth",
	}
	lastNames = []string{
		"Abadi", "Andersen", "Bauer", "Becker", "Castillo", "Chowdhury", "Costa", "Dubois",
		"Eriksson", "Fernandes", "Fischer", "Garcia", "Haddad", "Hansen", "Ito", "Jansen",
		"Kaur", "Kowalski", "Larsen", "Lindqvist", "Martin", "Mensah", "Moreau", "Nakamura",
		"Novak", "Okafor", "Olsen", "Park", "Patel", "Petrov", "Quinn", "Rahman",
		"Rossi", "Santos", "Schmidt", "Silva", "Singh", "Sato", "Tanaka", "Torres",
		"Van Dijk", "Vargas", "Wagner", "Walsh", "Weber", "Yilmaz", "Zhang", "Ahmed",
		"Murphy", "Nguyen", "O'Brien", "Popescu", "Reyes", "Sokolova", "Tran", "Ueda",
	}
	companyNames = []string{
		"Northwind Logistics", "Brightwater Bank", "Helios Energy", "Cobalt Freight",
		"Meridian Health", "Atlas Insurance Group", "Tern Retail", "Granite Manufacturing",
		"Larkspur Pharma", "Quarry Telecom", "Vantage Airlines", "Juniper Foods",
		"Orchard Software", "Silverline Utilities", "Redwood Capital", "Pinecrest University",
		"Harbor Shipping", "Aurora Mobility", "Summit Chemicals", "Kestrel Media",
		"Ironbridge Construction", "Willow Hotels", "Beacon Semiconductors", "Fjord Seafood",
	}
	divisions   = []string{"Retail", "Commercial", "Logistics", "Manufacturing", "Digital", "Wholesale"}
	geographies = []string{"North America", "EMEA", "APAC", "LATAM"}
	sources     = []string{"crm", "email", "calendar", "manual"}
)
