resource "aws_dynamodb_table" "rewards_ledger" {
  name         = "rewards-ledger"
  billing_mode = "PROVISIONED"
  hash_key     = "pk"
  range_key    = "sk"

  read_capacity  = 1500
  write_capacity = 1000

  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  lifecycle {
    ignore_changes = [read_capacity, write_capacity] # managed by autoscaling
  }
}

resource "aws_appautoscaling_target" "ledger_write" {
  service_namespace  = "dynamodb"
  resource_id        = "table/rewards-ledger"
  scalable_dimension = "dynamodb:table:WriteCapacityUnits"
  min_capacity       = 1000
  max_capacity       = 6000 # peak season, back to 2000 in January
}

resource "aws_appautoscaling_policy" "ledger_write" {
  name               = "rewards-ledger-write-tt"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.ledger_write.service_namespace
  resource_id        = aws_appautoscaling_target.ledger_write.resource_id
  scalable_dimension = aws_appautoscaling_target.ledger_write.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value = 70
    predefined_metric_specification {
      predefined_metric_type = "DynamoDBWriteCapacityUtilization"
    }
  }
}
