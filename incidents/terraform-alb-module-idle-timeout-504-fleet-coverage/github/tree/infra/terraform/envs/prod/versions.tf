terraform {
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.49.0"
    }
  }

  backend "s3" {
    bucket         = "tw-terraform-state-prod"
    key            = "claims-platform/prod.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "tw-terraform-locks"
  }
}

provider "aws" {
  region = "eu-west-1"
}
