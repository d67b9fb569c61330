variable "name" {
  description = "Load balancer name (also the access-log prefix)."
  type        = string
}

variable "target_group_name" {
  description = "Target group name; defaults to the load balancer name."
  type        = string
  default     = null
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_id" {
  type = string
}

variable "target_port" {
  type    = number
  default = 8080
}

variable "health_check_path" {
  type    = string
  default = "/actuator/health/readiness"
}

variable "deregistration_delay" {
  type    = number
  default = 30
}

variable "idle_timeout" {
  description = "Seconds a connection may stay idle (no bytes sent or received) before the ALB closes it. Platform baseline (SEC-114): 20."
  type        = number
  default     = 20
}

variable "access_logs_bucket" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
