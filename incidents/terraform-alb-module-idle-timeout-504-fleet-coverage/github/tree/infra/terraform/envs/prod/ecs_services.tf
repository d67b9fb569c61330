# ECS services registered in the internal ALB target groups.

resource "aws_ecs_service" "policy_service" {
  name            = "policy-service"
  cluster         = aws_ecs_cluster.services.id
  task_definition = aws_ecs_task_definition.policy_service.arn
  desired_count   = 4
  launch_type     = "FARGATE"

  network_configuration {
    subnets         = data.aws_subnets.private.ids
    security_groups = [aws_security_group.services.id]
  }

  load_balancer {
    target_group_arn = module.policy_alb.target_group_arn
    container_name   = "policy-service"
    container_port   = 8080
  }
}

resource "aws_ecs_service" "fnol_intake" {
  name            = "fnol-intake"
  cluster         = aws_ecs_cluster.services.id
  task_definition = aws_ecs_task_definition.fnol_intake.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets         = data.aws_subnets.private.ids
    security_groups = [aws_security_group.services.id]
  }

  load_balancer {
    target_group_arn = module.fnol_alb.target_group_arn
    container_name   = "fnol-intake"
    container_port   = 8080
  }
}
