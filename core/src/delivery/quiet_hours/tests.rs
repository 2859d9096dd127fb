use super::*;
use crate::common::time_zone::is_known as is_known_time_zone;
use jiff::civil::date;

const NY: &str = "America/New_York";
const LA: &str = "America/Los_Angeles";
const HONOLULU: &str = "Pacific/Honolulu";

fn rules(window: &str, regions: &[(&str, &str)]) -> QuietHours {
    QuietHours::new(&config(window, regions)).expect("valid config")
}

fn config(window: &str, regions: &[(&str, &str)]) -> QuietHoursConfig {
    QuietHoursConfig {
        window: window.to_owned(),
        regions: regions
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..QuietHoursConfig::default()
    }
}

/// The instant a wall clock in `zone` shows `y-m-d h:min:s.ms`; the civil
/// time must exist exactly once there.
fn at(zone: &str, (y, m, d): (i16, i8, i8), (h, min, s, ms): (i8, i8, i8, i32)) -> i64 {
    let dt = date(y, m, d).at(h, min, s, ms * 1_000_000);
    TimeZone::get(zone)
        .unwrap()
        .to_ambiguous_timestamp(dt)
        .unambiguous()
        .unwrap()
        .as_millisecond()
}

/// Shorthand for a whole minute.
fn hm(zone: &str, ymd: (i16, i8, i8), h: i8, min: i8) -> i64 {
    at(zone, ymd, (h, min, 0, 0))
}

fn utc(ymd: (i16, i8, i8), h: i8, min: i8) -> i64 {
    hm("UTC", ymd, h, min)
}

/// The local wall clock in `zone` at `ms`.
fn local(zone: &str, ms: i64) -> DateTime {
    TimeZone::get(zone)
        .unwrap()
        .to_datetime(Timestamp::from_millisecond(ms).unwrap())
}

fn deferred(ms: i64) -> Release {
    Release::At { at_ms: ms }
}

const DAY: (i16, i8, i8) = (2026, 6, 15);
const NEXT_DAY: (i16, i8, i8) = (2026, 6, 16);

#[test]
fn defaults_and_serde() {
    let config: QuietHoursConfig = serde_json::from_str("{}").unwrap();
    assert!(config.enabled);
    assert_eq!(config.window, "08:00-21:00");
    assert_eq!(config.default_time_zone, NY);
    assert!(config.regions.is_empty());
    let default = QuietHoursConfig::default();
    assert_eq!(
        (default.enabled, default.window, default.default_time_zone),
        (config.enabled, config.window, config.default_time_zone)
    );

    let config: QuietHoursConfig =
        serde_json::from_str(r#"{"regions": {"US-FL": "08:00-20:00"}}"#).unwrap();
    assert_eq!(config.regions["US-FL"], "08:00-20:00");
    assert!(QuietHours::new(&config).is_ok());

    let err = serde_json::from_str::<QuietHoursConfig>(r#"{"windows": "08:00-21:00"}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field"), "{err}");
}

#[test]
fn inside_the_window_and_its_start_edge_send_now() {
    let q = rules("08:00-21:00", &[]);
    for ms in [
        hm(NY, DAY, 8, 0),
        hm(NY, DAY, 12, 0),
        at(NY, DAY, (20, 59, 59, 999)),
    ] {
        assert_eq!(
            q.release(ms, Some(NY), None),
            Release::Now,
            "{}",
            local(NY, ms)
        );
    }
}

#[test]
fn before_the_start_waits_for_today_s_start() {
    let q = rules("08:00-21:00", &[]);
    let opens = hm(NY, DAY, 8, 0);
    for ms in [
        hm(NY, DAY, 0, 0),
        hm(NY, DAY, 3, 17),
        at(NY, DAY, (7, 59, 59, 999)),
    ] {
        assert_eq!(
            q.release(ms, Some(NY), None),
            deferred(opens),
            "{}",
            local(NY, ms)
        );
    }
}

#[test]
fn at_or_after_the_end_waits_for_tomorrow_s_start() {
    let q = rules("08:00-21:00", &[]);
    let opens = hm(NY, NEXT_DAY, 8, 0);
    for ms in [
        hm(NY, DAY, 21, 0),
        at(NY, DAY, (21, 0, 0, 1)),
        hm(NY, DAY, 23, 59),
        at(NY, DAY, (23, 59, 59, 999)),
    ] {
        assert_eq!(
            q.release(ms, Some(NY), None),
            deferred(opens),
            "{}",
            local(NY, ms)
        );
    }
}

#[test]
fn the_same_instant_is_judged_in_each_recipient_s_zone() {
    let q = rules("08:00-21:00", &[]);
    // 12:00 UTC: 08:00 EDT in New York, 05:00 PDT in Los Angeles,
    // 02:00 HST in Honolulu.
    let noon_utc = utc(DAY, 12, 0);
    assert_eq!(q.release(noon_utc, Some(NY), None), Release::Now);
    assert_eq!(
        q.release(noon_utc, Some(LA), None),
        deferred(hm(LA, DAY, 8, 0))
    );
    assert_eq!(
        q.release(noon_utc, Some(LA), None),
        deferred(utc(DAY, 15, 0))
    );
    assert_eq!(
        q.release(noon_utc, Some(HONOLULU), None),
        deferred(utc(DAY, 18, 0))
    );

    // 01:30 UTC the next day: 21:30 EDT (too late), 18:30 PDT, 15:30 HST.
    let late = utc(NEXT_DAY, 1, 30);
    assert_eq!(
        q.release(late, Some(NY), None),
        deferred(hm(NY, NEXT_DAY, 8, 0))
    );
    assert_eq!(q.release(late, Some(LA), None), Release::Now);
    assert_eq!(q.release(late, Some(HONOLULU), None), Release::Now);
}

#[test]
fn zone_names_ignore_case() {
    let q = rules("08:00-21:00", &[]);
    let ms = utc(DAY, 12, 0); // 05:00 in Los Angeles
    assert_eq!(
        q.release(ms, Some("america/los_angeles"), None),
        deferred(hm(LA, DAY, 8, 0))
    );
    assert!(is_known_time_zone("america/los_angeles"));
}

#[test]
fn no_or_unknown_zone_uses_the_default_zone() {
    let q = QuietHours::new(&QuietHoursConfig {
        default_time_zone: "America/Chicago".to_owned(),
        ..QuietHoursConfig::default()
    })
    .unwrap();
    const CHICAGO: &str = "America/Chicago";
    // 07:30 in Chicago, 08:30 in New York.
    let ms = hm(CHICAGO, DAY, 7, 30);
    let chicago_opens = deferred(hm(CHICAGO, DAY, 8, 0));
    assert_eq!(q.release(ms, Some(NY), None), Release::Now);
    assert_eq!(q.release(ms, None, None), chicago_opens);
    for unknown in [
        "Mars/Olympus_Mons",
        "",
        "Etc/Unknown",
        "EST5EDT,M3.2.0,M11.1.0",
    ] {
        assert!(!is_known_time_zone(unknown), "{unknown:?}");
        assert_eq!(
            q.release(ms, Some(unknown), None),
            chicago_opens,
            "{unknown:?}"
        );
    }
}

#[test]
fn a_region_narrows_the_window() {
    let q = rules("08:00-21:00", &[("US-FL", "08:00-20:00")]);
    let ms = hm(NY, DAY, 20, 30);
    assert_eq!(q.release(ms, Some(NY), None), Release::Now);
    assert_eq!(
        q.release(ms, Some(NY), Some("US-FL")),
        deferred(hm(NY, NEXT_DAY, 8, 0))
    );
    // Exactly at the region's end.
    assert_eq!(
        q.release(hm(NY, DAY, 20, 0), Some(NY), Some("US-FL")),
        deferred(hm(NY, NEXT_DAY, 8, 0))
    );
    assert_eq!(
        q.release(at(NY, DAY, (19, 59, 59, 999)), Some(NY), Some("US-FL")),
        Release::Now
    );
    // Other and unknown regions keep the general window.
    for other in ["US-NY", "US-ZZ", "nonsense", ""] {
        assert_eq!(
            q.release(ms, Some(NY), Some(other)),
            Release::Now,
            "{other:?}"
        );
    }
}

#[test]
fn region_codes_match_in_any_case() {
    // Configured in lower case, asked for in others.
    let q = rules("08:00-21:00", &[("us-fl", "08:00-20:00")]);
    let opens = deferred(hm(NY, NEXT_DAY, 8, 0));
    let ms = hm(NY, DAY, 20, 30);
    for code in ["US-FL", "us-fl", "Us-Fl", "uS-fL"] {
        assert_eq!(q.release(ms, Some(NY), Some(code)), opens, "{code}");
    }
}

#[test]
fn a_region_cannot_widen_the_window() {
    let q = rules(
        "08:00-21:00",
        &[("US-XX", "07:00-22:00"), ("US-YY", "09:00-23:00")],
    );
    // US-XX is clipped to 08:00-21:00.
    assert_eq!(
        q.release(hm(NY, DAY, 7, 30), Some(NY), Some("US-XX")),
        deferred(hm(NY, DAY, 8, 0))
    );
    assert_eq!(
        q.release(hm(NY, DAY, 21, 30), Some(NY), Some("US-XX")),
        deferred(hm(NY, NEXT_DAY, 8, 0))
    );
    // US-YY becomes 09:00-21:00.
    assert_eq!(
        q.release(hm(NY, DAY, 8, 30), Some(NY), Some("US-YY")),
        deferred(hm(NY, DAY, 9, 0))
    );
    assert_eq!(
        q.release(hm(NY, DAY, 21, 0), Some(NY), Some("US-YY")),
        deferred(hm(NY, NEXT_DAY, 9, 0))
    );
}

#[test]
fn disabled_always_sends_now() {
    let q = QuietHours::new(&QuietHoursConfig {
        enabled: false,
        ..config("08:00-21:00", &[("US-FL", "08:00-20:00")])
    })
    .unwrap();
    for ms in [hm(NY, DAY, 3, 0), hm(NY, DAY, 21, 0), hm(NY, DAY, 23, 59)] {
        assert_eq!(q.release(ms, Some(NY), Some("US-FL")), Release::Now);
    }
}

#[test]
fn an_instant_outside_the_calendar_is_not_held() {
    let q = rules("08:00-21:00", &[]);
    assert_eq!(q.release(i64::MAX, Some(NY), None), Release::Now);
    assert_eq!(q.release(i64::MIN, None, None), Release::Now);
}

/// New York, 2026-03-08: clocks go from 02:00 EST (07:00 UTC) straight to
/// 03:00 EDT, so 02:30 does not exist that day.
#[test]
fn spring_forward_gap_opens_at_the_transition() {
    const SPRING: (i16, i8, i8) = (2026, 3, 8);
    let q = rules("02:30-21:00", &[]);
    let transition = utc(SPRING, 7, 0);
    assert_eq!(local(NY, transition), date(2026, 3, 8).at(3, 0, 0, 0));
    // The evening before, and just before the jump: the window opens when
    // the clock first shows a time past 02:30, i.e. 03:00 EDT.
    for ms in [
        hm(NY, (2026, 3, 7), 21, 0),
        hm(NY, SPRING, 0, 0),
        at(NY, SPRING, (1, 59, 59, 999)),
    ] {
        assert_eq!(
            q.release(ms, Some(NY), None),
            deferred(transition),
            "{}",
            local(NY, ms)
        );
    }
    assert_eq!(q.release(transition, Some(NY), None), Release::Now);
    // That evening, the next day's 02:30 exists again (EDT).
    assert_eq!(
        q.release(hm(NY, SPRING, 21, 0), Some(NY), None),
        deferred(hm(NY, (2026, 3, 9), 2, 30))
    );

    // The default window just follows the offset change: 08:00 EDT is
    // 12:00 UTC, one hour earlier in UTC than the day before.
    let q = rules("08:00-21:00", &[]);
    assert_eq!(
        q.release(hm(NY, (2026, 3, 7), 21, 0), Some(NY), None),
        deferred(utc(SPRING, 12, 0))
    );
    assert_eq!(
        q.release(hm(NY, (2026, 3, 6), 21, 0), Some(NY), None),
        deferred(utc((2026, 3, 7), 13, 0))
    );
}

/// A window that lies wholly inside the gap does not exist that day.
#[test]
fn a_window_swallowed_by_the_gap_waits_a_day() {
    let q = rules("02:15-02:45", &[]);
    let ms = hm(NY, (2026, 3, 8), 1, 0);
    assert_eq!(
        q.release(ms, Some(NY), None),
        deferred(hm(NY, (2026, 3, 9), 2, 15))
    );
}

/// New York, 2026-11-01: clocks go from 02:00 EDT (06:00 UTC) back to
/// 01:00 EST, so 01:00-01:59 happens twice.
#[test]
fn fall_back_fold() {
    const FALL: (i16, i8, i8) = (2026, 11, 1);
    // A start after the fold is unambiguous: 02:30 EST = 07:30 UTC.
    let q = rules("02:30-21:00", &[]);
    for ms in [utc(FALL, 5, 30), utc(FALL, 6, 30), utc(FALL, 7, 29)] {
        // 01:30 EDT, 01:30 EST, 02:29 EST
        assert_eq!(q.release(ms, Some(NY), None), deferred(utc(FALL, 7, 30)));
    }

    // A start inside the fold: open from its first occurrence (01:30 EDT,
    // 05:30 UTC); quiet again when the clock falls back to 01:00 EST
    // (06:00 UTC); open again from 01:30 EST (06:30 UTC).
    let q = rules("01:30-21:00", &[]);
    assert_eq!(
        q.release(hm(NY, (2026, 10, 31), 22, 0), Some(NY), None),
        deferred(utc(FALL, 5, 30))
    );
    assert_eq!(
        q.release(utc(FALL, 5, 0), Some(NY), None),
        deferred(utc(FALL, 5, 30))
    );
    assert_eq!(q.release(utc(FALL, 5, 30), Some(NY), None), Release::Now);
    assert_eq!(q.release(utc(FALL, 5, 59), Some(NY), None), Release::Now);
    assert_eq!(
        q.release(utc(FALL, 6, 0), Some(NY), None),
        deferred(utc(FALL, 6, 30))
    );
    assert_eq!(
        q.release(utc(FALL, 6, 29), Some(NY), None),
        deferred(utc(FALL, 6, 30))
    );
    assert_eq!(q.release(utc(FALL, 6, 30), Some(NY), None), Release::Now);

    // The default window: 08:00 EST is 13:00 UTC.
    let q = rules("08:00-21:00", &[]);
    assert_eq!(
        q.release(hm(NY, (2026, 10, 31), 22, 0), Some(NY), None),
        deferred(utc(FALL, 13, 0))
    );
}

fn error(config: &QuietHoursConfig) -> String {
    QuietHours::new(config).expect_err("invalid config")
}

#[test]
fn bad_windows_are_rejected_with_key_and_value() {
    for bad in [
        "",
        "8:00-21:00",
        "08:00 - 21:00",
        "08:00-21:00 ",
        "08:00\u{2013}21:00",
        "0800-2100",
        "08.00-21.00",
        "08:00-21:00-22:00",
        "aa:bb-cc:dd",
        "+8:00-21:00",
        "08:60-21:00",
        "25:00-26:00",
        "08:00-24:00",
        "24:00-24:00",
        "21:00-08:00",
        "08:00-08:00",
    ] {
        let err = error(&config(bad, &[]));
        assert_eq!(
            err,
            format!(
                "channels.sms.quiet_hours.window: {bad:?} must be HH:MM-HH:MM with start before end"
            )
        );
    }
    let err = error(&config("08:00-21:00", &[("US-FL", "20:00-08:00")]));
    assert_eq!(
        err,
        r#"channels.sms.quiet_hours.regions."US-FL": "20:00-08:00" must be HH:MM-HH:MM with start before end"#
    );
    let err = error(&config("08:00-21:00", &[("US-FL", "08:00-24:00")]));
    assert!(
        err.contains(r#"regions."US-FL": "08:00-24:00" must be"#),
        "{err}"
    );
}

#[test]
fn other_config_errors() {
    let err = error(&QuietHoursConfig {
        default_time_zone: "America/Springfield".to_owned(),
        ..QuietHoursConfig::default()
    });
    assert_eq!(
        err,
        r#"channels.sms.quiet_hours.default_time_zone: "America/Springfield" is not a known IANA time zone"#
    );
    let err = error(&QuietHoursConfig {
        default_time_zone: "Etc/Unknown".to_owned(),
        ..QuietHoursConfig::default()
    });
    assert!(err.contains("default_time_zone"), "{err}");

    // Disjoint from the general window, and merely touching it.
    for region in ["05:00-07:00", "06:00-08:00", "21:00-23:00"] {
        let err = error(&config("08:00-21:00", &[("US-FL", region)]));
        assert_eq!(
            err,
            format!(
                r#"channels.sms.quiet_hours.regions."US-FL": {region:?} does not overlap channels.sms.quiet_hours.window "08:00-21:00""#
            )
        );
    }

    for code in [
        "FL", "US", "USA-FL", "US-FLOR", "US_FL", "U1-FL", "US-", "-FL",
    ] {
        let err = error(&config("08:00-21:00", &[(code, "08:00-20:00")]));
        assert!(err.starts_with(&format!("channels.sms.quiet_hours.regions.{code:?}: ")));
        assert!(err.contains("ISO 3166-2"), "{err}");
    }
    let err = error(&config(
        "08:00-21:00",
        &[("US-FL", "08:00-20:00"), ("us-fl", "09:00-20:00")],
    ));
    assert!(err.contains("listed twice"), "{err}");

    // Validated even when disabled.
    let err = error(&QuietHoursConfig {
        enabled: false,
        ..config("21:00-08:00", &[])
    });
    assert!(err.contains("window"), "{err}");
}

#[test]
fn known_time_zones() {
    for name in [NY, LA, HONOLULU, "Europe/London", "UTC", "Asia/Kolkata"] {
        assert!(is_known_time_zone(name), "{name}");
    }
    for name in ["", "Mars/Olympus_Mons", "Etc/Unknown", "+05:00", "America/"] {
        assert!(!is_known_time_zone(name), "{name:?}");
    }
}

/// Around each zone's 2026 transitions, at many instants: a deferral is
/// later than `now`, lies inside the window, and is the earliest such
/// instant (checked minute by minute: every window edge and transition in
/// these zones falls on a whole minute).
#[test]
fn deferrals_are_later_inside_the_window_and_earliest() {
    let windows = [
        "08:00-21:00",
        "02:30-21:00",
        "01:30-21:00",
        "02:15-02:45",
        "00:00-23:59",
    ];
    let zones = [NY, LA, HONOLULU, "Europe/London", "Australia/Lord_Howe"];
    let year_start = Timestamp::from_millisecond(utc((2026, 1, 1), 0, 0)).unwrap();
    for zone_name in zones {
        let zone = TimeZone::get(zone_name).unwrap();
        let mut centres: Vec<Timestamp> = zone
            .following(year_start)
            .take(2)
            .map(|t| t.timestamp())
            .collect();
        if centres.is_empty() {
            centres.push(year_start); // Honolulu: no DST
        }
        for window_text in windows {
            let q = rules(window_text, &[]);
            let window = Window::parse(window_text).unwrap();
            let inside = |ms: i64| window.contains(local(zone_name, ms).time());
            for centre in &centres {
                let centre = centre.as_millisecond();
                let mut now = centre - 30 * 3_600_000 + 17_123;
                while now < centre + 30 * 3_600_000 {
                    match q.release(now, Some(zone_name), None) {
                        Release::Now => assert!(inside(now), "{zone_name} {window_text} {now}"),
                        Release::At { at_ms } => {
                            let context = format!(
                                "{zone_name} {window_text} now {} at {}",
                                local(zone_name, now),
                                local(zone_name, at_ms)
                            );
                            assert!(!inside(now), "{context}");
                            assert!(at_ms > now, "{context}");
                            assert!(inside(at_ms), "{context}");
                            // Nothing earlier is allowed.
                            let mut t = now.div_euclid(60_000) * 60_000 + 60_000;
                            while t < at_ms {
                                assert!(
                                    !inside(t),
                                    "{context}: {} is allowed",
                                    local(zone_name, t)
                                );
                                t += 60_000;
                            }
                            assert_eq!(t, at_ms, "{context}: not on a minute");
                        }
                    }
                    now += 23 * 60_000;
                }
            }
        }
    }
}
