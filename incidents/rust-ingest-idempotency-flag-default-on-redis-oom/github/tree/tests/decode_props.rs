use ingest_gateway::decode::{Batch, Reading};
use proptest::prelude::*;

proptest! {
    #[test]
    fn json_roundtrip(seq in any::<u64>(), values in prop::collection::vec((any::<i64>(), -1.0e9f64..1.0e9), 0..200)) {
        let batch = Batch {
            seq,
            schema: 3,
            readings: values.iter().map(|(ts, v)| Reading { ts: *ts, value: *v }).collect(),
        };
        let json = serde_json::to_vec(&batch).unwrap();
        let back: Batch = serde_json::from_slice(&json).unwrap();
        prop_assert_eq!(back, batch);
    }

    #[test]
    fn rejects_unknown_schema(schema in 4u16..u16::MAX) {
        let json = format!(r#"{{"seq":1,"schema":{schema},"readings":[]}}"#);
        prop_assert!(Batch::parse(json.as_bytes()).is_err());
    }
}
