rootProject.name = "billing-statements"
include("statement-run", "tariff-admin")
