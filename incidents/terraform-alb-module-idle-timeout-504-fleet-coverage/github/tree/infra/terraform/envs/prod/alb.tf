# Internal application load balancers (prod). Services reach each other through these;
# the DNS names live in dns.tf.

module "documents_alb" {
  source = "../../modules/internal-alb"

  name               = "documents-internal"
  vpc_id             = data.aws_vpc.main.id
  subnet_ids         = data.aws_subnets.private.ids
  security_group_id  = aws_security_group.internal_alb.id
  access_logs_bucket = var.alb_access_logs_bucket
  tags               = local.tags
}

module "policy_alb" {
  source = "../../modules/internal-alb"

  name               = "policy-svc-internal"
  target_group_name  = "policy-svc"
  vpc_id             = data.aws_vpc.main.id
  subnet_ids         = data.aws_subnets.private.ids
  security_group_id  = aws_security_group.internal_alb.id
  access_logs_bucket = var.alb_access_logs_bucket
  tags               = local.tags
}

module "fnol_alb" {
  source = "../../modules/internal-alb"

  name               = "fnol-internal"
  target_group_name  = "fnol-intake"
  vpc_id             = data.aws_vpc.main.id
  subnet_ids         = data.aws_subnets.private.ids
  security_group_id  = aws_security_group.internal_alb.id
  access_logs_bucket = var.alb_access_logs_bucket
  tags               = local.tags
}

# State moves for the resources that used to be declared inline (no replacement).
moved {
  from = aws_lb.policy_internal
  to   = module.policy_alb.aws_lb.this
}

moved {
  from = aws_lb_target_group.policy
  to   = module.policy_alb.aws_lb_target_group.this
}

moved {
  from = aws_lb_listener.policy_http
  to   = module.policy_alb.aws_lb_listener.http
}

moved {
  from = aws_lb.fnol_internal
  to   = module.fnol_alb.aws_lb.this
}

moved {
  from = aws_lb_target_group.fnol
  to   = module.fnol_alb.aws_lb_target_group.this
}

moved {
  from = aws_lb_listener.fnol_http
  to   = module.fnol_alb.aws_lb_listener.http
}
