pub mod dbcode;
pub mod stock_dao;
