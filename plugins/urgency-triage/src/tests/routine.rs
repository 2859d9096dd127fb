//! Routine phrasings of our own, including hard negatives: alarm words
//! that are negated, past, resolved, conditional, educational, about
//! someone else, or part of a refill.

use super::assert_routine;

#[test]
fn ordinary_requests() {
    assert_routine(&[
        "can i move my appointment to friday",
        "running late, be there in 15",
        "what time does the clinic open tomorrow",
        "do you take blue cross",
        "i got a bill for $240, can you explain it",
        "please send my records to dr patel",
        "thanks, see you next week",
        "can you fax the form to my employer",
        "is the flu shot available yet",
        "my potassium was 4.2, is that ok",
        "New lab result posted: Hemoglobin 13.1 g/dL.",
        "New lab result posted: Sodium 139 mmol/L.",
        "INR 2.8, stay on the same dose",
        "potassium 5.1, slightly high, recheck next week",
        "k thanks see you at 2",
        "my bp was 128/82 this morning",
        "blood sugar was 145 after dinner",
        "my a1c was 7.2, what should my goal be",
        "i need a note for work saying i was seen today",
        "i am confused about my bill",
        "the pharmacy said my prescription is on hold",
    ]);
}

#[test]
fn mild_symptoms() {
    assert_routine(&[
        "sore throat and runny nose for 2 days",
        "my knee hurts when i climb stairs",
        "bit of a rash on my arm, itchy",
        "stuffy nose, hard to breathe through my nose at night",
        "chest congestion and a cough for a week",
        "my back has been aching since i moved furniture",
        "little bit of blood when i brush my teeth",
        "mild headache since yesterday",
        "my son has a low grade fever of 99.8, he is 4",
        "i feel a bit tired lately",
        "heartburn after spicy food",
        "my arm fell asleep and feels tingly",
        "my lip is numb after the dentist",
        "lost my voice and cant talk much",
        "seasonal allergies, eyes swollen and itchy",
        "cut my finger cooking, it stopped bleeding",
        "my period is heavier than usual this month",
        "ankle swollen after i twisted it",
    ]);
}

#[test]
fn negated() {
    assert_routine(&[
        "no chest pain today, just checking in",
        "i dont have any trouble breathing",
        "patient denies chest pain, shortness of breath or syncope",
        "not suicidal, just want to talk to someone about my anxiety",
        "no fever, no rash, just a cough",
        "he has not had any seizures since starting keppra",
        "no bleeding since the procedure",
        "negative for chest pain and palpitations",
        "havent had any chest pain since my stent",
        "denies si/hi, mood stable",
        "no shortness of breath with the new inhaler",
    ]);
}

#[test]
fn past_or_resolved() {
    assert_routine(&[
        "chest pain last year, fine now",
        "my chest pain from last year is gone",
        "i had a seizure in 2019 and need a letter for the dmv",
        "my mom had a stroke years ago, should i get screened?",
        "history of heart attack, need my cardiology referral",
        "i used to cut myself in high school, doing well now",
        "the shortness of breath went away after the antibiotics",
        "i had an allergic reaction to penicillin as a kid",
        "i had some bleeding after the biopsy but it stopped",
        "my daughter had a febrile seizure when she was 1, she is 5 now",
        "i passed out once years ago, the cardiologist said it was fine",
        "the chest tightness resolved after i stopped the new medication",
    ]);
}

#[test]
fn conditional_and_instructions() {
    assert_routine(&[
        "Reminder: your stress test is Tuesday. If you have chest pain before then, call 911.",
        "call us if you notice any bleeding or trouble breathing after the procedure",
        "go to the er if your baby has a fever over 100.4",
        "Seek emergency care for chest pain, fainting or severe bleeding.",
        "watch for signs of infection such as fever or swelling",
        "if you ever have thoughts of hurting yourself, call 988",
        "after your colonoscopy, report any black stools or heavy bleeding",
        "in case of an allergic reaction use your epipen and call 911",
        "what should i do if my son has a seizure at school?",
    ]);
}

#[test]
fn education_and_third_party_questions() {
    assert_routine(&[
        "what are the warning signs of a stroke?",
        "can anxiety cause chest pain?",
        "is shortness of breath a side effect of metoprolol?",
        "how do i know if my child needs the er for a fever? just want to be prepared",
        "how common are seizures in kids with high fevers?",
        "my coworker had a seizure at lunch last week, how can i help if it happens again?",
        "my friend overdosed last month, do you have info on narcan training?",
        "when should i take my baby to the er for a fever?",
        "is it normal to feel chest tightness after a covid booster?",
        "what causes blood in urine?",
        "what is the difference between a heart attack and cardiac arrest?",
    ]);
}

#[test]
fn emergency_medicine_refills() {
    assert_routine(&[
        "please refill my nitroglycerin, havent needed it in months",
        "need a refill on my epipen, the old one expired",
        "can i get a narcan kit for my house just in case",
        "my sons epipen expires next month, can you send a new script",
        "refill my glucagon please, never used it",
        "used my epipen last year, need a new one",
        "need 2 epi pens for school",
        "refill my seizure meds please",
        "can you renew my albuterol inhaler",
    ]);
}

/// Round 8 look-alikes and scope, in phrasings of our own.
#[test]
fn round8_lookalikes() {
    assert_routine(&[
        // a saturation that is the patient's baseline
        "COPD pt, baseline sats 89-91% on 2L, stable, needs portable tank order",
        // the eye without a chemical, and an age past early infancy
        "i got shampoo in my eye and it stings a little",
        "can i use the eye drops twice a day for my dry eyes",
        "my son is 7 months and has a fever of 100.8, eating fine",
        // the saturation by its lay word, normal, or a flow rate
        "oxygen is 97% on the pulse ox, just checking in",
        "she uses 2 liters of oxygen at night, need a new tank",
        "my oxygen level was 98 at the visit",
        // charting resolution: no sx since, free of symptoms, recovered
        "pt with anaphylaxis to peanuts in March, no sx since, needs epipen renewal",
        "s/p cardiac cath, chest pain free x3 days, cleared for work",
        "my uncle fainted at church last wk but he recovered, is it genetic?",
        // staff business
        "sepsis order set and tip sheet updated for the ED, review by Friday",
        // idioms
        "I nearly died of embarrassment at the pharmacy counter lol, can you resend the rx",
        "casi me da un infarto con el precio de la medicina, ¿hay genérico?",
    ]);
}

#[test]
fn round8_generic_questions() {
    assert_routine(&[
        "what does nose flaring look like in a newborn? want to know what to watch for",
        "my sister asked why fevers in tiny babies are considered such a big deal",
    ]);
}

#[test]
fn round8_sideways_lookalikes() {
    assert_routine(&[
        "i wont be here for my appointment next week, im traveling, can we move it",
        "sorry, i wont bother you again about the refill, thanks for the help",
        "i laid out my pills for the week in the organizer, should the vitamin d go with breakfast",
        "heartburn after tacos, a little burning in my chest, tums helped",
    ]);
}

#[test]
fn round8_resp_rate_normal_for_a_baby_and_charted_resolution() {
    assert_routine(&[
        "Well visit: 6mo boy, RR 38, lungs clear, growing on curve",
        "s/p hernia repair POD1, incisional pain controlled on tylenol, tolerating diet",
        "chest tightness with her panic attacks, none today, wants a counseling referral",
        "Phone note: 41F, panic episodes w/ palpitations, none this wk, wants CBT referral",
    ]);
}

#[test]
fn round8_spanish_resolved_before_and_now_well() {
    assert_routine(&[
        "se le pasó el dolor de pecho cuando eructó, era gas, ¿le doy algo para la gastritis?",
        "hace dos años le dio un infarto a mi papá y ahora está bien, necesita su receta",
    ]);
}

#[test]
fn round9_charted_teaching_baselines_and_mild_findings() {
    assert_routine(&[
        "pt educated on low blood sugar sx (sweaty, shaky, confused), teach-back done",
        "seizure precautions and anaphylaxis action plan reviewed with dad",
        "reviewed warning signs of stroke w/ daughter, verbalized understanding",
        "SNF note: 88M, baseline oriented to self only, no change, eating well",
        "28M mild SOB with a cold, talking full sentences, home care",
        "she gagged on a cracker last night but coughed it out and has been completely fine",
    ]);
}

#[test]
fn round9_years_ago_in_spanish_word_order() {
    assert_routine(&[
        "hace años quise quitarme la vida, ahora estoy bien, ¿me renueva la receta?",
        "hace tiempo me dio un ataque de asma, ¿me dan cita para la espirometría?",
    ]);
}

#[test]
fn round9_adult_sleep_apnea_and_a_heart_that_settled() {
    assert_routine(&[
        "my wife says i stop breathing when i snore, can i get a sleep study",
        "he snores and stops breathing a few seconds at night, sleep apnea per the sleep clinic, need cpap supplies",
        "my heart races sometimes after coffee but it slows down in a minute, not dizzy",
    ]);
}

#[test]
fn round9_thanks_that_are_only_thanks() {
    assert_routine(&[
        "thank you for being so nice to me at my visit, can i get the after visit summary",
        "thanks for all the years dr lee, enjoy your retirement! who will be my new doctor",
        "hx of seizures, new patient paperwork attached",
    ]);
}

#[test]
fn round9_what_is_it_in_spanish() {
    assert_routine(&[
        "¿qué es la preeclampsia? la doctora la mencionó, tengo 24 semanas y estoy bien",
        "¿qué es el derrame cerebral? lo vimos en la tele",
    ]);
}

#[test]
fn the_year_and_the_kicks_in_other_business() {
    assert_routine(&[
        "grandma always asks what year it is, her dementia is stable, need refill",
        "my kid asked what year the war started for homework",
        "is it normal to feel no kicks from the baby at 12 weeks?",
    ]);
}

#[test]
fn afebrile_is_no_fever_and_a_chole_no_choking() {
    let triage = crate::decide::Triage::rules_only(&[]).expect("rules");
    for body in [
        "baby 6 wk, afebrile, feeding well",
        "72F s/p lap chole POD3, tolerating PO",
    ] {
        assert!(
            triage.codes(body).is_empty(),
            "{body}: {:?}",
            triage.codes(body)
        );
    }
}

#[test]
fn spanish_thoughts_denied_and_snoring_for_a_sleep_study() {
    assert_routine(&[
        "quiero hablar con alguien sobre mi depresión, no tengo pensamientos de hacerme daño",
        "no tiene ideas de matarse, solo está triste por lo de su trabajo",
        "mi papá ronca mucho y a veces deja de respirar un ratito cuando duerme, quiero estudio del sueño",
    ]);
}

#[test]
fn a_chest_cold_is_still_a_chest_cold() {
    assert_routine(&[
        "i have a chest cold and a cough, can i get an appt this week",
        "my chest is congested since monday, no fever",
    ]);
}

#[test]
fn a_thing_that_is_killing_me_is_an_idiom() {
    assert_routine(&[
        "ngl this test is gonna kill me",
        "this traffic is gonna kill me, running late",
        "este examen me va a matar",
    ]);
}

#[test]
fn a_positive_pregnancy_test_alone_is_good_news() {
    assert_routine(&[
        "positive pregnancy test!! so excited, when can i book my first appt",
        "pregnancy test was positive, some mild cramps, is that normal",
        "my pregnancy test was negative but i still have cramps on one side, can i get an appt",
    ]);
}

#[test]
fn a_newborns_ordinary_pauses_and_colour() {
    assert_routine(&[
        "my 2 week old has little pauses in her breathing when she sleeps, is that normal",
        "baby's eyes are a little yellow, day 4, feeding great, we have a bili check tomorrow",
    ]);
}

#[test]
fn what_gives_me_a_heart_attack_is_an_idiom() {
    assert_routine(&[
        "u guys are gonna give me a heart attack with these bills lol",
        "the new copay almost gave me a heart attack",
        "my son's driving is giving me a heart attack, can we move his appt",
    ]);
}

#[test]
fn a_lab_threshold_is_no_result() {
    assert_routine(&[
        "heads up: starting next month sodium will call critical at <125 rather than 120",
    ]);
}

#[test]
fn a_child_given_an_ordinary_dose() {
    assert_routine(&[
        "gave my son ibuprofen at noon for his ear, when can he have acetaminophen?",
        "I gave my daughter her allergy medicine this morning, is it ok before swimming",
    ]);
}

#[test]
fn round_eleven_charted_and_spanish_look_alikes() {
    assert_routine(&[
        // Handled: a clinician's word that nothing more is needed.
        "FYI only: 1 episode of chest pain overnight, resolved with antacid, trop neg. no new orders needed",
        "Discharge summary: admitted with NSTEMI, s/p PCI, chest pain free, home on aspirin",
        "K 6.5 called to Dr Ray and read back 10:20, repeat ordered",
        "took her lisinopril twice this morning by mistake, poison control said to monitor at home, she feels fine",
        // A standing state, not a change.
        "grandpa is confused as usual this evening, no different than normal, just wont take his vitamins",
        "his sats are usually 88 to 90 with the copd, 89 now, feels the same as always",
        // History in charting words.
        "s/p GI bleed last admission, hgb nadir 6.8, today 10.9 and stable",
        "the old chart note said suicidal in 2016, she has been well for years, PHQ-9 2",
        "passed out last Thursday at church, ER said dehydration, she is fine now",
        // An allergy list, a leaflet, a range of motion, an INR visit.
        "allergy list says anaphylaxis to sulfa but she took bactrim last year fine, please update",
        "he read that chest pain is listed as a side effect of his migraine pill, no symptoms",
        "resident lowered to the floor by staff, no injury, full ROM, vitals stable",
        "INR clinic note says 7.5 mg on mondays, which dose should we fill",
        // Better since a change.
        "mom's choking at meals is better since the speech therapist changed her diet",
        // Spanish: someone who recovered, a past stay, dying of paperwork.
        "mi papá se desmayó el domingo por el calor, se recuperó enseguida, ¿necesita cita?",
        "estuve internada por una sobredosis hace un mes, ya estoy en terapia y quiero la cita de seguimiento",
        "me quiero morir de tanto esperar la autorización del seguro 😩",
    ]);
}

#[test]
fn round_twelve_everyday_look_alikes() {
    assert_routine(&[
        "these toddler tantrums are gonna kill me lol, is 3 too young for time outs",
        "tuve preeclampsia con mi primer embarazo, ahora tengo 12 semanas y todo bien",
    ]);
}

#[test]
fn round_thirteen_look_alikes() {
    assert_routine(&[
        "rubbing vicks on his chest for the cough, is that ok for a 5 year old",
        "mi abuela tiene demencia, hoy un poco confundida como siempre, necesito la receta",
    ]);
}

#[test]
fn round_fourteen_charting_and_reading_look_alikes() {
    assert_routine(&[
        // A leaflet read, a question about it.
        "the package insert says seizures can happen, should I worry?",
        // A return precaution taught.
        "neutropenic teaching done, understands to call for temp over 100.4",
        // A flag cleared, a call taken back, a dictation slip.
        "sepsis alert fired on 4 west, lactate normal, flag can be cleared",
        "lab here, potassium was hemolyzed, please disregard the earlier call",
        "transcription error in the H&P: 'seizure' should be 'syncope workup negative'",
        // A scale charted unchanged.
        "post-stroke day 3, NIHSS unchanged at 2, continue plan",
        // A number that names an account, a value that is an A1c.
        "troponin for account 55213 came back <0.01, normal",
        "qué quiere decir hemoglobina a1c 7.1 en mis resultados?",
        // Sundowning, a habit of the evening.
        "mom gets confused in the evenings, is that normal with dementia?",
        // A strength named with a double dose.
        "took my metoprolol 25 mg twice this morning by accident, feel fine",
    ]);
}

#[test]
fn round_fifteen_look_alikes() {
    assert_routine(&[
        "my stool is black since I started the iron pills, no dizziness, feel fine",
        "my chest only hurts when I press on it, pulled something at the gym",
        "dad had a stroke years ago, still a little weak on the right, nothing new",
        "the critical potassium from Monday was acknowledged and treated, today 4.1",
        "grandma says she'd rather die than move to assisted living, how do we talk to her",
        "el bebé tuvo fiebre ayer por la vacuna, hoy ya no tiene y come bien",
        // A phone number is no potassium value.
        "your potassium result is ready, call us back at 4805551234",
    ]);
}
