//! The records a chain reads are read ahead in batches (one request for
//! the keys of many messages decided together). Against a real
//! nats-server, under a burst: every decision rests on the record as it
//! stands, at its revision, whether the record was written, rewritten,
//! deleted or never written; and no batch had to fall back to single reads.

mod support;

use support::*;

const PHONE: &str = "+15555550101";
const BODY: &str = "Your appointment is confirmed for next week. Reply with questions.";
const PATIENTS: usize = 60;

/// What patient `n`'s consent record went through before the burst.
#[derive(Clone, Copy, Debug, PartialEq)]
enum History {
    Granted,
    Rewritten,
    Deleted,
    Never,
}

fn history(n: usize) -> History {
    [
        History::Granted,
        History::Rewritten,
        History::Deleted,
        History::Never,
    ][n % 4]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_reads_every_record_at_its_revision() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let config = ConfigSpec::new(Some(nats.url()), clinical_plugins()).write(dir.path());
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);
    let (_client, js) = nats.connect().await;
    let consent = bucket(&js, CONSENT_BUCKET).await;
    let contacts = bucket(&js, CONTACTS_BUCKET).await;

    let patient = |n: usize| format!("p-batch-{n}");
    let mut expected_revision = Vec::new();
    for n in 0..PATIENTS {
        let key = patient_key(&patient(n));
        contacts
            .put(&key, verified_self(PHONE).to_string().into())
            .await
            .expect("put contacts");
        let granted = consent_granted(false).to_string();
        let revision = match history(n) {
            History::Granted => consent.put(&key, granted.into()).await.expect("put"),
            History::Rewritten => {
                consent.put(&key, "{}".into()).await.expect("put");
                consent.put(&key, granted.into()).await.expect("put")
            }
            History::Deleted => {
                consent.put(&key, granted.into()).await.expect("put");
                consent.delete(&key).await.expect("delete");
                consent
                    .entry(&key)
                    .await
                    .expect("read")
                    .expect("a deletion has an entry")
                    .revision
            }
            History::Never => 0,
        };
        expected_revision.push(revision);
    }

    // All at once, so that reads queue up and share batches.
    let ids: Vec<String> = (0..PATIENTS).map(|n| format!("batch-{n}")).collect();
    for (n, id) in ids.iter().enumerate() {
        publish_json(&js, TENANT, &envelope(id, &patient(n), Some(PHONE), BODY)).await;
    }
    let mut collector = Collector::new(&js);
    let out = collector.wait_finished(&ids).await.clone();

    for (n, id) in ids.iter().enumerate() {
        let audit = out.audit(id);
        let consent_plugin = audit["plugins"]
            .as_array()
            .and_then(|plugins| plugins.iter().find(|p| p["name"] == "consent"))
            .unwrap_or_else(|| panic!("no consent plugin in {audit:#}"));
        let read = consent_plugin["kv_reads"]
            .as_array()
            .and_then(|reads| reads.iter().find(|r| r["bucket"] == CONSENT_BUCKET))
            .unwrap_or_else(|| panic!("no read of the consent bucket: {audit:#}"));
        assert_eq!(
            read["revision"].as_u64(),
            Some(expected_revision[n]),
            "{:?} record read at the wrong revision: {audit:#}",
            history(n)
        );
        let texted = audit["outcome"] == "sms";
        let granted = matches!(history(n), History::Granted | History::Rewritten);
        assert_eq!(
            texted,
            granted,
            "{:?} consent record, outcome {}: {audit:#}",
            history(n),
            audit["outcome"]
        );
    }

    carewire.assert_running();
    let log = carewire.stderr();
    assert!(
        !log.contains("batched KV read failed"),
        "a batch fell back to single reads:\n{log}"
    );
}
