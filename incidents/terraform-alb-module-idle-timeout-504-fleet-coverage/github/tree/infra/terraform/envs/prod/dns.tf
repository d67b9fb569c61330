resource "aws_route53_record" "documents_internal" {
  zone_id = data.aws_route53_zone.internal.zone_id
  name    = "documents.internal.tidewater.example"
  type    = "A"

  alias {
    name                   = module.documents_alb.dns_name
    zone_id                = module.documents_alb.zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "policy_internal" {
  zone_id = data.aws_route53_zone.internal.zone_id
  name    = "policy.internal.tidewater.example"
  type    = "A"

  alias {
    name                   = module.policy_alb.dns_name
    zone_id                = module.policy_alb.zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "fnol_internal" {
  zone_id = data.aws_route53_zone.internal.zone_id
  name    = "fnol.internal.tidewater.example"
  type    = "A"

  alias {
    name                   = module.fnol_alb.dns_name
    zone_id                = module.fnol_alb.zone_id
    evaluate_target_health = false
  }
}
