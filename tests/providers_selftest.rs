//! The fake provider APIs of tests/support/providers.rs, exercised with a
//! plain HTTP client: each answers like its API, rejects what the API
//! rejects, records everything, and follows its script (a queue, per-body
//! overrides, 429s, slow answers and dropped connections).

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::providers::{Behaviour, FakeProvider, twilio_signature, webhook_signature};

const SID: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "twilio-auth-token";
const WAIT: Duration = Duration::from_secs(5);

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("an HTTP client")
}

fn messages_url(provider: &FakeProvider, sid: &str) -> String {
    format!(
        "{}/2010-04-01/Accounts/{sid}/Messages.json",
        provider.base_url()
    )
}

async fn send_sms(
    client: &reqwest::Client,
    provider: &FakeProvider,
    to: &str,
    body: &str,
) -> Result<reqwest::Response, reqwest::Error> {
    client
        .post(messages_url(provider, SID))
        .basic_auth(SID, Some(TOKEN))
        .form(&[
            ("To", to),
            ("From", "+15555550100"),
            ("Body", body),
            ("StatusCallback", "https://carewire.example/twilio/status"),
        ])
        .send()
        .await
}

async fn json_of(response: reqwest::Response) -> Value {
    let text = response.text().await.expect("a response body");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

// ---------------------------------------------------------------- Twilio

#[tokio::test]
async fn twilio_creates_a_message() {
    let twilio = FakeProvider::twilio(SID, TOKEN).await;
    let client = client();

    let response = send_sms(
        &client,
        &twilio,
        "+15555550101",
        "Your appointment is at 9:30",
    )
    .await
    .expect("an answer");
    assert_eq!(response.status(), 201);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let message = json_of(response).await;
    let sid = message["sid"].as_str().expect("a sid");
    assert!(
        sid.len() == 34 && sid.starts_with("SM") && sid[2..].bytes().all(|b| b.is_ascii_hexdigit()),
        "sid {sid}"
    );
    assert_eq!(message["status"], "queued");
    assert_eq!(message["to"], "+15555550101");
    assert_eq!(message["from"], "+15555550100");
    assert_eq!(message["body"], "Your appointment is at 9:30");
    assert_eq!(message["account_sid"], SID);
    assert_eq!(message["num_segments"], "1");
    assert!(message["error_code"].is_null() && message["error_message"].is_null());
    let date = message["date_created"].as_str().expect("date_created");
    time::OffsetDateTime::parse(date, &time::format_description::well_known::Rfc2822)
        .unwrap_or_else(|e| panic!("date_created {date:?} is not RFC 2822: {e}"));

    let second = json_of(
        send_sms(&client, &twilio, "+15555550102", "x".repeat(200).as_str())
            .await
            .unwrap(),
    )
    .await;
    assert_ne!(second["sid"], message["sid"], "sids are unique");
    assert_eq!(second["num_segments"], "2");

    let seen = twilio.requests();
    assert_eq!(seen.len(), 2);
    let first = &seen[0];
    assert_eq!(first.method, "POST");
    assert_eq!(
        first.path,
        format!("/2010-04-01/Accounts/{SID}/Messages.json")
    );
    assert_eq!(first.form_value("To"), Some("+15555550101"));
    assert_eq!(
        first.form_value("Body"),
        Some("Your appointment is at 9:30")
    );
    assert_eq!(
        first.form_value("StatusCallback"),
        Some("https://carewire.example/twilio/status")
    );
    assert!(first.header("Authorization").unwrap().starts_with("Basic "));
    assert!(first.json.is_null());
    assert_eq!(first.behaviour, Behaviour::Ok);

    // Through a messaging service, as Twilio answers it.
    let response = client
        .post(messages_url(&twilio, SID))
        .basic_auth(SID, Some(TOKEN))
        .form(&[
            ("To", "+15555550103"),
            ("MessagingServiceSid", "MG0123"),
            ("Body", "hi"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let message = json_of(response).await;
    assert_eq!(message["status"], "accepted");
    assert_eq!(message["messaging_service_sid"], "MG0123");
    assert!(message["from"].is_null());
}

#[tokio::test]
async fn twilio_rejects_what_twilio_rejects() {
    let twilio = FakeProvider::twilio(SID, TOKEN).await;
    let client = client();
    // A queued failure is not taken by rejected requests.
    twilio.push([Behaviour::Status(503)]);

    let response = client
        .post(messages_url(&twilio, SID))
        .basic_auth(SID, Some("wrong-token"))
        .form(&[
            ("To", "+15555550101"),
            ("From", "+15555550100"),
            ("Body", "hi"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert!(response.headers().contains_key("www-authenticate"));
    let error = json_of(response).await;
    assert_eq!(error["code"], 20003);
    assert_eq!(error["message"], "Authenticate");
    assert_eq!(error["status"], 401);
    assert!(error["more_info"].as_str().unwrap().contains("20003"));

    let unauthenticated = client
        .post(messages_url(&twilio, SID))
        .form(&[
            ("To", "+15555550101"),
            ("From", "+15555550100"),
            ("Body", "hi"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(unauthenticated.status(), 401);

    let other_account = client
        .post(messages_url(&twilio, "AC99999999999999999999999999999999"))
        .basic_auth(SID, Some(TOKEN))
        .form(&[
            ("To", "+15555550101"),
            ("From", "+15555550100"),
            ("Body", "hi"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(other_account.status(), 404);
    assert_eq!(json_of(other_account).await["code"], 20404);

    for (form, code) in [
        (vec![("From", "+15555550100"), ("Body", "hi")], 21604),
        (
            vec![("To", "+15555550101"), ("From", "+15555550100")],
            21602,
        ),
        (vec![("To", "+15555550101"), ("Body", "hi")], 21603),
        (
            vec![("To", "555-0101"), ("From", "+15555550100"), ("Body", "hi")],
            21211,
        ),
    ] {
        let response = client
            .post(messages_url(&twilio, SID))
            .basic_auth(SID, Some(TOKEN))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{form:?}");
        assert_eq!(json_of(response).await["code"], code, "{form:?}");
    }

    let seen = twilio.requests();
    let answered: Vec<Behaviour> = seen.iter().map(|r| r.behaviour.clone()).collect();
    assert_eq!(
        answered,
        [401, 401, 404, 400, 400, 400, 400].map(Behaviour::Status)
    );
    // The queued 503 is still there for the first valid request.
    let response = send_sms(&client, &twilio, "+15555550101", "hi")
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
}

#[tokio::test]
async fn queued_behaviours_are_taken_in_order_then_ok() {
    let twilio = FakeProvider::twilio(SID, TOKEN).await;
    let client = client();
    twilio.push([Behaviour::Status(500), Behaviour::Ok]);

    let first = send_sms(&client, &twilio, "+15555550101", "hi")
        .await
        .unwrap();
    assert_eq!(first.status(), 500);
    let error = json_of(first).await;
    assert_eq!(error["status"], 500);
    assert!(error["code"].is_number() && error["more_info"].is_string());

    for _ in 0..2 {
        let next = send_sms(&client, &twilio, "+15555550101", "hi")
            .await
            .unwrap();
        assert_eq!(next.status(), 201);
    }
    let answered: Vec<Behaviour> = twilio
        .wait_for_requests(3, WAIT)
        .await
        .into_iter()
        .map(|r| r.behaviour)
        .collect();
    assert_eq!(
        answered,
        [Behaviour::Status(500), Behaviour::Ok, Behaviour::Ok]
    );
}

#[tokio::test]
async fn too_many_sets_retry_after() {
    let twilio = FakeProvider::twilio(SID, TOKEN).await;
    twilio.push([Behaviour::TooMany {
        retry_after_secs: 7,
    }]);
    let response = send_sms(&client(), &twilio, "+15555550101", "hi")
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "7");
    assert_eq!(json_of(response).await["code"], 20429);
    assert_eq!(
        twilio.requests()[0].behaviour,
        Behaviour::TooMany {
            retry_after_secs: 7
        }
    );
}

#[tokio::test]
async fn drop_closes_the_connection_without_a_response() {
    let twilio = FakeProvider::twilio(SID, TOKEN).await;
    let client = client();
    // A connection already used (kept alive), then a dropped request on it.
    assert_eq!(
        send_sms(&client, &twilio, "+15555550101", "hi")
            .await
            .unwrap()
            .status(),
        201
    );
    twilio.push([Behaviour::Drop]);

    let error = send_sms(&client, &twilio, "+15555550101", "hi")
        .await
        .expect_err("no response to a dropped request");
    assert!(error.status().is_none(), "{error:?}");
    // hyper's IncompleteMessage: the connection ended before any response.
    assert!(error.is_request() && !error.is_connect(), "{error:?}");
    assert!(!error.is_timeout(), "{error:?}");

    // Also on a fresh connection, with a raw socket: end-of-file, no bytes.
    twilio.push([Behaviour::Drop]);
    let bytes = raw_exchange(&twilio).await;
    assert!(bytes.is_empty(), "{:?}", String::from_utf8_lossy(&bytes));

    // The client did not retry it, and the server still answers.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let answered: Vec<Behaviour> = twilio.requests().into_iter().map(|r| r.behaviour).collect();
    assert_eq!(answered, [Behaviour::Ok, Behaviour::Drop, Behaviour::Drop]);
    let response = send_sms(&client, &twilio, "+15555550101", "hi")
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
}

/// Sends one valid Twilio request on a new TCP connection and returns every
/// byte the server sent back before closing.
async fn raw_exchange(twilio: &FakeProvider) -> Vec<u8> {
    use base64::Engine as _;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let addr = twilio.base_url().trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let body = "To=%2B15555550101&From=%2B15555550100&Body=hi";
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{SID}:{TOKEN}"));
    let request = format!(
        "POST /2010-04-01/Accounts/{SID}/Messages.json HTTP/1.1\r\nHost: {addr}\r\n\
         Authorization: Basic {auth}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(WAIT, socket.read_to_end(&mut answer))
        .await
        .expect("the server closes the connection");
    // A reset is as good as an end-of-file: no response either way.
    if let Err(e) = read {
        assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}");
    }
    answer
}

#[tokio::test]
async fn slow_records_first_then_answers_late() {
    let twilio = FakeProvider::twilio(SID, TOKEN).await;
    twilio.push([Behaviour::Slow(Duration::from_millis(600))]);
    let client = client();
    let started = Instant::now();
    let pending = tokio::spawn({
        let client = client.clone();
        let url = messages_url(&twilio, SID);
        async move {
            client
                .post(url)
                .basic_auth(SID, Some(TOKEN))
                .form(&[
                    ("To", "+15555550101"),
                    ("From", "+15555550100"),
                    ("Body", "hi"),
                ])
                .send()
                .await
        }
    });
    let seen = twilio
        .wait_for_requests(1, Duration::from_millis(500))
        .await;
    assert!(!pending.is_finished(), "recorded before it is answered");
    assert_eq!(
        seen[0].behaviour,
        Behaviour::Slow(Duration::from_millis(600))
    );
    let response = pending.await.unwrap().unwrap();
    assert_eq!(response.status(), 201);
    assert!(started.elapsed() >= Duration::from_millis(600));

    // A client that gives up in time sees a timeout.
    twilio.push([Behaviour::Slow(Duration::from_secs(2))]);
    let error = client
        .post(messages_url(&twilio, SID))
        .basic_auth(SID, Some(TOKEN))
        .timeout(Duration::from_millis(200))
        .form(&[
            ("To", "+15555550101"),
            ("From", "+15555550100"),
            ("Body", "hi"),
        ])
        .send()
        .await
        .expect_err("a timeout");
    assert!(error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn fail_matching_overrides_the_queue_without_taking_from_it() {
    let twilio = FakeProvider::twilio(SID, TOKEN).await;
    let client = client();
    twilio.fail_matching("+15555550666", Behaviour::Status(400));
    twilio.push([Behaviour::Status(503)]);

    // Matched on the decoded form value (the raw body has %2B15555550666).
    for _ in 0..2 {
        let response = send_sms(&client, &twilio, "+15555550666", "hi")
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
    }
    let response = send_sms(&client, &twilio, "+15555550101", "hi")
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    let response = send_sms(&client, &twilio, "+15555550101", "hi")
        .await
        .unwrap();
    assert_eq!(response.status(), 201);

    // A JSON body matches as text.
    let pagerduty = FakeProvider::pagerduty("rk").await;
    pagerduty.fail_matching("msg-13", Behaviour::Status(500));
    let response = client
        .post(format!("{}/v2/enqueue", pagerduty.base_url()))
        .json(&pd_event("rk", Some("msg-13")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
}

#[tokio::test]
async fn wait_for_requests_names_what_it_saw() {
    let twilio = FakeProvider::twilio(SID, TOKEN).await;
    send_sms(&client(), &twilio, "+15555550101", "hello there")
        .await
        .unwrap();
    let outcome = tokio::spawn(async move {
        twilio
            .wait_for_requests(2, Duration::from_millis(100))
            .await
    })
    .await;
    let panic = outcome.expect_err("a panic");
    let message = panic.into_panic();
    let message = message
        .downcast_ref::<String>()
        .expect("a formatted message");
    assert!(message.contains("fake Twilio"), "{message}");
    assert!(message.contains("for 2 request(s), saw 1"), "{message}");
    assert!(message.contains("POST /2010-04-01/Accounts/"), "{message}");
    assert!(message.contains("Body=hello+there"), "{message}");
}

#[tokio::test]
async fn dropping_the_provider_stops_it() {
    let twilio = FakeProvider::twilio(SID, TOKEN).await;
    let client = client();
    send_sms(&client, &twilio, "+15555550101", "hi")
        .await
        .unwrap();
    let url = messages_url(&twilio, SID);
    drop(twilio);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let error = client
        .post(url)
        .basic_auth(SID, Some(TOKEN))
        .form(&[
            ("To", "+15555550101"),
            ("From", "+15555550100"),
            ("Body", "hi"),
        ])
        .send()
        .await
        .expect_err("nothing listens any more");
    assert!(error.status().is_none(), "{error:?}");
}

// ---------------------------------------------------------------- FHIR

const FHIR_TOKEN: &str = "fhir-bearer-token";
const SYSTEM: &str = "urn:carewire:message";

fn communication(id: &str) -> Value {
    json!({
        "resourceType": "Communication",
        "status": "completed",
        "identifier": [{"system": SYSTEM, "value": id}],
        "subject": {"reference": "Patient/p-2001"},
        "payload": [{"contentString": "Your results are ready in the portal."}],
    })
}

async fn fhir_create(
    client: &reqwest::Client,
    fhir: &FakeProvider,
    resource: &Value,
    if_none_exist: Option<&str>,
) -> reqwest::Response {
    let mut request = client
        .post(format!("{}/Communication", fhir.base_url()))
        .bearer_auth(FHIR_TOKEN)
        .header("content-type", "application/fhir+json")
        .body(resource.to_string());
    if let Some(criteria) = if_none_exist {
        request = request.header("if-none-exist", criteria);
    }
    request.send().await.expect("an answer")
}

#[tokio::test]
async fn fhir_creates_conditionally() {
    let fhir = FakeProvider::fhir(FHIR_TOKEN).await;
    let client = client();
    let criteria = format!("identifier={SYSTEM}|msg-1");

    let created = fhir_create(&client, &fhir, &communication("msg-1"), Some(&criteria)).await;
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(created.headers()["etag"], "W/\"1\"");
    let resource = json_of(created).await;
    let id = resource["id"].as_str().expect("an id").to_string();
    assert_eq!(
        location,
        format!("{}/Communication/{id}/_history/1", fhir.base_url())
    );
    assert_eq!(resource["meta"]["versionId"], "1");
    assert_eq!(resource["resourceType"], "Communication");
    assert_eq!(fhir.stored().len(), 1);

    // The same identifier again, plain and percent-encoded: 200, nothing new.
    for criteria in [
        criteria.clone(),
        "identifier=urn%3Acarewire%3Amessage%7Cmsg-1".to_string(),
    ] {
        let again = fhir_create(&client, &fhir, &communication("msg-1"), Some(&criteria)).await;
        assert_eq!(again.status(), 200, "{criteria}");
        assert_eq!(json_of(again).await["id"], id.as_str());
    }
    assert_eq!(fhir.stored().len(), 1);

    // Another identifier is stored.
    let other = fhir_create(
        &client,
        &fhir,
        &communication("msg-2"),
        Some(&format!("identifier={SYSTEM}|msg-2")),
    )
    .await;
    assert_eq!(other.status(), 201);
    assert_eq!(fhir.stored().len(), 2);

    // Search by identifier.
    let bundle = json_of(
        client
            .get(format!("{}/Communication", fhir.base_url()))
            .query(&[("identifier", format!("{SYSTEM}|msg-1"))])
            .bearer_auth(FHIR_TOKEN)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "searchset");
    assert_eq!(bundle["total"], 1);
    assert_eq!(bundle["entry"][0]["resource"]["id"], id.as_str());

    // Read.
    let read = client
        .get(format!("{}/Communication/{id}", fhir.base_url()))
        .bearer_auth(FHIR_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let seen = fhir.requests();
    assert_eq!(seen.len(), 6);
    assert_eq!(seen[0].json["identifier"][0]["value"], "msg-1");
    assert_eq!(seen[0].header("if-none-exist"), Some(criteria.as_str()));
}

#[tokio::test]
async fn fhir_rejects_bad_tokens_and_other_resources() {
    let fhir = FakeProvider::fhir(FHIR_TOKEN).await;
    let client = client();

    let response = client
        .post(format!("{}/Communication", fhir.base_url()))
        .bearer_auth("wrong")
        .header("content-type", "application/fhir+json")
        .body(communication("msg-1").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(json_of(response).await["resourceType"], "OperationOutcome");

    let patient = json!({"resourceType": "Patient", "id": "p-1"});
    let response = fhir_create(&client, &fhir, &patient, None).await;
    assert_eq!(response.status(), 400);
    let outcome = json_of(response).await;
    assert_eq!(outcome["resourceType"], "OperationOutcome");
    assert_eq!(outcome["issue"][0]["severity"], "error");

    assert!(fhir.stored().is_empty());
    let answered: Vec<Behaviour> = fhir.requests().into_iter().map(|r| r.behaviour).collect();
    assert_eq!(answered, [Behaviour::Status(401), Behaviour::Status(400)]);

    // A scripted error has no effect either, and is an OperationOutcome.
    fhir.push([Behaviour::Status(503)]);
    let response = fhir_create(&client, &fhir, &communication("msg-9"), None).await;
    assert_eq!(response.status(), 503);
    assert_eq!(json_of(response).await["resourceType"], "OperationOutcome");
    assert!(fhir.stored().is_empty());
}

// ---------------------------------------------------------------- PagerDuty

fn pd_event(routing_key: &str, dedup_key: Option<&str>) -> Value {
    let mut event = json!({
        "routing_key": routing_key,
        "event_action": "trigger",
        "payload": {
            "summary": "Escalation: critical lab value for patient p-2001",
            "source": "carewire",
            "severity": "critical",
            "custom_details": {"message_id": "msg-13"},
        },
    });
    if let Some(key) = dedup_key {
        event["dedup_key"] = json!(key);
    }
    event
}

#[tokio::test]
async fn pagerduty_enqueues_and_validates() {
    let pagerduty = FakeProvider::pagerduty("R0UT1NGKEY").await;
    let client = client();
    let url = format!("{}/v2/enqueue", pagerduty.base_url());

    let response = client
        .post(&url)
        .json(&pd_event("R0UT1NGKEY", Some("carewire-msg-13")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    assert_eq!(
        json_of(response).await,
        json!({"status": "success", "message": "Event processed", "dedup_key": "carewire-msg-13"})
    );

    let generated = json_of(
        client
            .post(&url)
            .json(&pd_event("R0UT1NGKEY", None))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(generated["status"], "success");
    assert!(!generated["dedup_key"].as_str().unwrap().is_empty());

    let response = client
        .post(&url)
        .json(&pd_event("not-the-key", None))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        json_of(response).await,
        json!({"status": "invalid event", "message": "Event object is invalid", "errors": ["Invalid routing key"]})
    );

    let mut bad = pd_event("R0UT1NGKEY", None);
    bad["payload"]["severity"] = json!("urgent");
    bad["payload"]["summary"] = json!("");
    let response = client.post(&url).json(&bad).send().await.unwrap();
    assert_eq!(response.status(), 400);
    let errors = json_of(response).await["errors"].clone();
    assert_eq!(errors.as_array().unwrap().len(), 2, "{errors}");

    let mut bad = pd_event("R0UT1NGKEY", None);
    bad["event_action"] = json!("escalate");
    let response = client.post(&url).json(&bad).send().await.unwrap();
    assert_eq!(response.status(), 400);

    let seen = pagerduty.requests();
    assert_eq!(seen.len(), 5);
    assert_eq!(seen[0].json["dedup_key"], "carewire-msg-13");
    assert_eq!(seen[2].behaviour, Behaviour::Status(400));
}

// ---------------------------------------------------------------- webhook

#[tokio::test]
async fn webhook_verifies_signatures() {
    let secret = "whsec-test";
    let hook = FakeProvider::webhook(secret).await;
    let client = client();
    let url = format!("{}/hook", hook.base_url());
    let body = br#"{"message_id":"msg-13","text":"Your results are ready"}"#.to_vec();
    let timestamp = "1764270000";

    // Independently of webhook_signature: HMAC-SHA256 over "<ts>.<body>".
    let expected = {
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("{timestamp}.").as_bytes());
        mac.update(&body);
        format!("v1={}", hex::encode(mac.finalize().into_bytes()))
    };
    assert_eq!(webhook_signature(secret, timestamp, &body), expected);

    let response = client
        .post(&url)
        .header("content-type", "application/json")
        .header("x-carewire-timestamp", timestamp)
        .header("x-carewire-signature", &expected)
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert!(response.bytes().await.unwrap().is_empty());

    let forged = webhook_signature("another-secret", timestamp, &body);
    for signature in [Some(forged.as_str()), None] {
        let mut request = client
            .post(&url)
            .header("content-type", "application/json")
            .header("x-carewire-timestamp", timestamp)
            .body(body.clone());
        if let Some(signature) = signature {
            request = request.header("x-carewire-signature", signature);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401);
        assert!(json_of(response).await["error"].is_string());
    }
    // The right signature over another timestamp.
    let response = client
        .post(&url)
        .header("x-carewire-timestamp", "1764270001")
        .header("x-carewire-signature", &expected)
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);

    let seen = hook.requests();
    let answered: Vec<Behaviour> = seen.iter().map(|r| r.behaviour.clone()).collect();
    assert_eq!(
        answered,
        [
            Behaviour::Ok,
            Behaviour::Status(401),
            Behaviour::Status(401),
            Behaviour::Status(401)
        ]
    );
    assert_eq!(seen[0].json["message_id"], "msg-13");
    assert_eq!(seen[0].body.as_ref(), body.as_slice());
    assert_eq!(
        seen[0].header("X-Carewire-Signature"),
        Some(expected.as_str())
    );
}

// ---------------------------------------------------------------- signature

/// The worked example of Twilio's webhook security guide.
#[test]
fn twilio_signature_matches_twilios_documented_example() {
    let signature = twilio_signature(
        "12345",
        "https://mycompany.com/myapp.php?foo=1&bar=2",
        // Out of order on purpose: the signature sorts them.
        &[
            ("To", "+18005551212"),
            ("CallSid", "CA1234567890ABCDE"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("Caller", "+12349013030"),
        ],
    );
    assert_eq!(signature, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    assert_ne!(
        twilio_signature(
            "12345",
            "https://mycompany.com/myapp.php?foo=1&bar=2",
            &[("Digits", "1234")]
        ),
        signature
    );
}
