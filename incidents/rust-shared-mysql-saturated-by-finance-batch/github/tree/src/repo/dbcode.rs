//! Turns a sqlx error into the MySQL error number and SQLSTATE, for structured logs.

pub fn db_error_fields(e: &sqlx::Error) -> (Option<String>, Option<String>) {
    match e {
        sqlx::Error::Database(db) => (db.code().map(|c| c.to_string()), db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>().map(|m| m.number().to_string())),
        _ => (None, None),
    }
}
