//! Urgent phrasings of our own (not from the dev corpus), by category,
//! in patient and clinical styles, with typos and texting shorthand.

use super::assert_urgent;

#[test]
fn chest_pain() {
    assert_urgent(&[
        "my chest really hurts and im sweating",
        "feels like an elephant is sitting on my chest",
        "crushing pressure in my chest going down my left arm",
        "tightness across my chest since i woke up, feel sick",
        "i think im having a heart attack",
        "husband grabbing his chest and cant talk right",
        "chest pains again worse than last time",
        "cp radiating to jaw x 30 min",
        "sharp stabbing pain in my chest when i breathe",
        "ches pain bad pls help",
        "my chets hurts real bad",
        "heavy feeling on my chest and short of breath",
        "took a nitro 10 min ago and the chest pain is still there",
        "need my nitro refilled asap, used 2 tonight and my chest still hurts",
        "i never had chest pain this bad",
        "chest pressure started 20 minutes ago",
        "dad says his chest feels tight and hes pale and sweaty",
    ]);
}

#[test]
fn breathing() {
    assert_urgent(&[
        "i cant breathe",
        "cant breath at all",
        "my daughter is struggling to breathe and her lips look blue",
        "he is gasping for air",
        "short of breath even sitting still",
        "having trouble breathing since lunch",
        "my inhaler isnt helping and i am wheezing bad",
        "baby breathing really fast and ribs sucking in",
        "pulse ox says 87",
        "oxygen sat 88% on my home monitor",
        // the saturation by its lay word
        "oxygen is 84% on the pulse ox",
        "my oxygen is 84",
        "oxygen at 80 percent and she looks tired",
        "his oxygen level keeps dropping to 86",
        "she is choking and cant get air",
        "he stopped breathing for a bit and now is gray",
        "so winded i cant finish a sentence",
        "its really hard to breath",
        "cant catch my breathe",
        "difficulty breathing and my throat feels weird",
    ]);
}

#[test]
fn stroke() {
    assert_urgent(&[
        "his face is drooping on the left side",
        "my moms smile is crooked and her words are slurred",
        "sudden weakness in my right arm and leg",
        "i suddenly cant see out of my left eye",
        "my wife is talking gibberish and seems confused",
        "worst headache of my life came on all at once",
        "grandpa cant lift his arm and his speech is slurred",
        "left side of my body went numb out of nowhere",
        "i think my dad is having a stroke",
        "sudden dizziness and cant walk straight",
        "she cant get her words out and her face looks uneven",
        "seeing double all of a sudden",
        "slurring her words and drooling",
        "my arm and face went numb on one side 10 min ago",
    ]);
}

#[test]
fn severe_bleeding() {
    assert_urgent(&[
        "cut my hand on a knife and it wont stop bleeding",
        "bleeding heavily from a cut on my arm",
        "soaked through 3 towels and still bleeding",
        "blood is gushing from his leg",
        "threw up blood twice this morning",
        "coughing up blood",
        "my poop is black and tarry and i feel faint",
        "nosebleed for over an hour wont stop, im on eliquis",
        "theres so much blood from the wound",
        "vomiting what looks like coffee grounds",
        "he is bleeding alot from his head",
    ]);
}

#[test]
fn anaphylaxis() {
    assert_urgent(&[
        "my throat feels like its closing up",
        "ate shrimp and now my lips and tongue are swelling",
        "stung by a bee and my face is swollen and i feel dizzy",
        "i think im having an allergic reaction, hives everywhere and hard to swallow",
        "had to use my epipen on my son just now",
        "my son ate a peanut cookie and is covered in hives and vomiting",
        "tongue feels thick and swollen after starting lisinopril",
        "anaphylactic reaction to amoxicillin, help",
        "throat is tight and itchy after eating at a restaurant",
    ]);
}

#[test]
fn overdose_or_poisoning() {
    assert_urgent(&[
        "i took a whole bottle of tylenol",
        "my toddler got into grandmas pills",
        "he drank some bleach",
        // a caustic or chemical in the eye
        "my eye got splashed with drain cleaner",
        "she got bleach in her eyes while cleaning",
        "le salpicó cloro en el ojo a mi hijo",
        "my son swallowed a button battery",
        "she took too many of her sleeping pills",
        "i think my brother overdosed",
        "took like 20 advil",
        "my daughter ate a laundry pod",
        "gave him narcan and hes still not waking up",
        "accidentally took double my insulin",
        "mixed xanax and alcohol and cant stay awake",
        "roommate od'd on heroin",
        "poison control told me to call you, my kid drank windshield fluid",
        "my husband took an extra 10 of his oxy and is hard to wake",
    ]);
}

#[test]
fn self_harm() {
    assert_urgent(&[
        "i want to kill myself",
        "im thinking about ending my life",
        "i dont want to be alive anymore",
        "i have pills saved up and im ready",
        "everyone would be better off without me",
        "been cutting myself again",
        "i feel suicidal",
        "im so sucidal tonight",
        "i wish i was dead",
        "i wasnt going to hurt myself before but now i have a plan",
        "my daughter said she wants to die and locked herself in her room",
        "theres no reason to live anymore",
        "i just want to end it all",
        "thinking of hurting myself tonight",
        "i wrote goodbye letters to my kids",
        "going to jump off a bridge",
    ]);
}

#[test]
fn seizure_or_unresponsive() {
    assert_urgent(&[
        "my son is having a seizure right now",
        "she had a siezure and is still not waking up",
        "he collapsed and isnt responding",
        "my husband passed out and wont wake up",
        "grandma is unresponsive",
        "my daughter is shaking all over and her eyes rolled back",
        "fainted twice today",
        "i feel like im going to pass out",
        "baby is limp and hard to wake",
        "he is convulsing",
        "my dad is suddenly very confused and doesnt know where he is",
    ]);
}

#[test]
fn pregnancy_emergency() {
    assert_urgent(&[
        "im 30 weeks pregnant and bleeding",
        "pregnant and spotting with bad cramps",
        "my water broke and im only 32 weeks",
        "im 28 wks and havent felt the baby move all day",
        "pregnant, terrible headache and seeing spots",
        "36 weeks pregnant bp 162/104",
        "im pregnant and have severe belly pain on one side",
        "im 34 weeks and having contractions every 5 minutes",
        "leaking fluid at 25 weeks pregnant",
        "gave birth 5 days ago and soaking a pad every hour",
        "im 12 weeks pregnant. started bleeding an hour ago",
        "pregnant and my face and hands are really swollen",
    ]);
}

#[test]
fn infant_fever() {
    assert_urgent(&[
        "my 3 week old has a fever of 100.6",
        // an age in months without "old"
        "my son is 2 months and has a fever of 100.8",
        "shes only two months and her temp is 38.4",
        "newborn is burning up",
        "my 6 wk old feels hot and temp is 38.5",
        "10 day old baby temp 101.1 rectal",
        "our 1 month old has a fever and isnt eating",
        "infant with a temp of 100.8",
        "my 2 month old is running a fever",
        "baby is 7 weeks old. she has a 101 fever",
        "my 3 yr old has a fever and a purple rash that doesnt fade",
        "fever and a stiff neck, can barely move my head",
        "my son has a 105 fever",
    ]);
}

#[test]
fn diabetic_emergency() {
    assert_urgent(&[
        "my blood sugar is 38",
        "bs 42 and shaky",
        "sugar is over 500 and im throwing up",
        "glucose meter just says HI",
        "my son is diabetic, his sugar is low and he is confused and sweaty",
        "large ketones and vomiting",
        "i think im in dka",
        "cgm reading 48 and dropping",
        "her sugar keeps dropping even after juice",
        "sugar 450 and really thirsty and breathing fast",
    ]);
}

#[test]
fn critical_lab() {
    assert_urgent(&[
        "CRITICAL VALUE: potassium 6.9",
        "critical result called in: hemoglobin 6.1",
        "panic value sodium 115",
        "Lab called with a critical INR of 7.2",
        "troponin came back elevated",
        "your platelets are 9, please call",
        "calcium 14.2 flagged critical high",
        "potassium 2.5",
        "hgb 5.9",
    ]);
}

#[test]
fn vital_signs() {
    assert_urgent(&[
        "my heart rate is 180 and wont come down",
        "pulse is 35 and i feel dizzy",
        "bp is 210/125 with a headache",
        "blood pressure 70/40 and lightheaded",
    ]);
}

/// Round 8 concepts, in phrasings of our own (not corpus lines).
#[test]
fn round8_concepts() {
    assert_urgent(&[
        // an infant's sunken soft spot, feeds counted on one hand
        "her soft spot looks sunk in and she has been so sleepy, she is 5 weeks",
        "my 3 week old has only nursed once since this morning",
        // pain a few words from the chest word
        "sharp squeezing ache in the center of my chest for 20 minutes",
        // accessory muscles doing the work of breathing
        "his neck muscles are doing all the work when he breathes",
        // a rescue inhaler that barely helped, puffs that did nothing
        "used the nebulizer three times and it hardly helped",
        "6 puffs of albuterol did nothing",
        // not trusting oneself, wanting everything to stop, a how worked out, letters
        "i have the pills in my hand and i dont trust myself tonight",
        "i just want everything to stop for good",
        "i figured out how to do it and when",
        "i wrote letters to my family last night and left them on the table",
        // staring and not answering, a falling GCS, not even knowing one's name
        "grandpa is staring at the wall and not responding to us",
        "rm 12 gcs dropped to 9 in the last hour",
        "she doesnt even know her own name right now",
        // Spanish: a curtain over one eye, letters and pills saved
        "se me fue la vista como una sombra en el ojo derecho",
        "de repente dejó de ver del ojo derecho",
        "ya escribí las cartas y tengo las pastillas guardadas",
    ]);
}

#[test]
fn round8_concepts_more() {
    assert_urgent(&[
        "since this morning my husband is not able to breathe right when he walks to the kitchen",
        "the soft spot on my 6 week olds head is kind of sunken today and she wont feed",
        "dad keeps picking at the air and talking to the curtains since supper",
    ]);
}

#[test]
fn round8_sideways_intent_and_more() {
    assert_urgent(&[
        "i have all my pills lined up on the dresser and nobody is home",
        "honestly i dont think ill be alive by friday",
        "pretty sure i wont be here for graduation, just saying",
        "my family would be so much happier if i was gone",
        "dont worry, i wont bother anyone after tonight",
        "his chest is burning and he is pale and clammy",
        "she keeps seeing a dog in the hallway that isnt there",
    ]);
}

#[test]
fn round8_resp_rate_by_age() {
    assert_urgent(&[
        "Peds call: 4mo RR 72, poor feeding, mom worried",
        "adult pt RR 34 and working to breathe per wife",
        "pt RR 36, new O2 requirement",
    ]);
}

#[test]
fn round8_high_fever_in_fahrenheit() {
    assert_urgent(&[
        "temp 105.2F and she is hard to wake",
        "fever of 41 C since noon",
    ]);
}

#[test]
fn round8_spanish_recurrence_still_counts() {
    assert_urgent(&[
        "se me quitó el dolor de pecho un rato pero volvió más fuerte y sudo frío",
        "hace un año tuve un infarto y ahora otra vez me aprieta el pecho",
    ]);
}

#[test]
fn round8_spanish_lost_is_not_resolved() {
    assert_urgent(&[
        "de repente se le fue la fuerza del brazo derecho y habla raro",
        "se le bajó mucho la presión a 70/40 y está mareado",
    ]);
}

#[test]
fn round9_plan_beside_the_means_and_breath_that_goes() {
    assert_urgent(&[
        "got a rope in the garage and i have a plan for tonight",
        "my dads gun is in the closet and ive made a plan for when they leave",
        "tengo una cuerda guardada y ya lo decidí bien",
        "tengo la pistola de mi papá y ya sé cuándo",
        "a mi niño de 5 semanas se le va el aire cuando llora",
        "al bebé se le fue el aire y se puso moradito, ya le pasó dos veces",
    ]);
}

#[test]
fn round9_a_change_from_baseline_still_counts() {
    assert_urgent(&[
        "pt much more confused than baseline since this afternoon",
        "resident not at baseline, oriented to self only, new since lunch",
        "80M acute AMS baseline A&Ox3 new since AM",
        "baseline sats 92%, now sat 84% on RA",
        "pt educated on chest pain sx last visit. now has crushing chest pressure",
    ]);
}

#[test]
fn round9_a_runaway_heart_with_dizziness() {
    assert_urgent(&[
        "my heart is racing and it wont slow down, im dizzy and shaky",
        "pulse going so fast for an hour, cant get it to settle, feel faint",
        "tengo el corazón acelerado desde la cena y no se me calma, estoy mareada",
    ]);
}

#[test]
fn round9_thanks_and_goodbye_and_what_is_new() {
    assert_urgent(&[
        "pls cancel my appointments, i wont need them. thank you for being kind to me",
        "thanks for all the years doc. i wont need my refills, im not gonna be around",
        "hx afib new onset chest pain and sweating since 0600",
        "chronic foley now with new confusion and hard to wake",
    ]);
}

#[test]
fn round9_a_question_that_reports() {
    assert_urgent(&[
        "tengo 30 semanas y veo lucecitas con un dolor de cabeza fuerte, ¿qué es esto?",
        "¿qué es esto? se me cierra la garganta después del camarón",
    ]);
}

#[test]
fn asking_the_year_or_the_place_out_of_the_blue() {
    assert_urgent(&[
        "my dad keeps asking what year it is and he was totally fine at breakfast",
        "mom keeps asking where she is, she was fine an hour ago",
        "mi papá pregunta qué día es a cada rato y en la mañana estaba bien",
    ]);
}

#[test]
fn a_baby_that_has_not_moved_said_of_the_baby() {
    assert_urgent(&[
        "no movement from the baby since yesterday, 36 wks",
        "the baby hasnt moved since last night",
        "my baby hasnt kicked today and i am 30 weeks",
    ]);
}

#[test]
fn pain_after_a_positive_pregnancy_test_however_the_test_is_told() {
    assert_urgent(&[
        "severe belly pain and my pregnancy test was positive and i feel faint",
        "my pregnancy test was positive and i have severe belly pain",
        "positive pregnancy test last week, now bad cramping on one side and dizzy",
        "got a positive hpt sunday, today shoulder tip pain and i fainted in the shower",
    ]);
}

#[test]
fn an_infant_yellow_to_the_legs_or_pausing_and_pale() {
    assert_urgent(&[
        "my 10 day old is yellow all the way down to his legs and super sleepy",
        "baby keeps having pauses in breathing like 20 seconds and goes pale",
        "newborn stopped breathing for a bit and turned dusky then started again",
    ]);
}

#[test]
fn spanish_intent_beside_a_denial_still_escalates() {
    assert_urgent(&[
        "ya no tengo ganas de vivir",
        "no tengo miedo, ya tengo las pastillas para matarme",
        "mi papá dejó de respirar y no lo puedo despertar",
    ]);
}

#[test]
fn chest_pain_and_a_cold_sweat_is_no_chest_cold() {
    assert_urgent(&[
        "excuse me my English, my husband have strong pain in chest and cold sweating since 30 minute",
        "pain in chest and cold sweats",
    ]);
}

#[test]
fn something_drunk_from_under_the_sink() {
    assert_urgent(&["my little brother drank something from under the sink and hes crying"]);
}

#[test]
fn a_belly_going_in_and_out_fast() {
    assert_urgent(&[
        "my 18 month old is wheezing and his belly is going in and out fast",
        "her tummy is moving up and down really fast and she cant eat",
    ]);
}

#[test]
fn a_child_who_seems_fine_after_an_adults_pills() {
    assert_urgent(&[
        "hey quick q, my kid ate a few of grandma's heart pills, he seems fine",
        "toddler swallowed some of my diabetes pills an hour ago but hes acting normal",
    ]);
}

#[test]
fn a_heart_attack_had_is_no_idiom() {
    assert_urgent(&[
        "i think im having a heart attack",
        "my chest hurts so bad, i think the stress is giving me a heart attack",
        "dad is having a heart attack, his arm went numb",
    ]);
}

#[test]
fn a_person_who_is_going_to_kill_me_is_no_idiom() {
    assert_urgent(&[
        "my boyfriend is gonna kill me he has a gun",
        "someone at work is gonna kill me, he threatened me today",
        "he said after the test hes gonna kill me",
    ]);
}

#[test]
fn a_value_after_its_label_and_a_colon() {
    assert_urgent(&[
        "BP: 228/134, pt reports blurry vision",
        "K: 7.1 hemolyzed? no, repeat confirmed",
        "glucose: 31, pt diaphoretic",
        "SpO2: 81% on room air",
        "HR - 170 and pt feels faint",
    ]);
}

#[test]
fn a_fever_stated_then_a_question_about_medicine() {
    assert_urgent(&[
        "my 5 week old has a temp of 100.9, is it ok to give her some tylenol?",
        "mi bebe tiene 6 semanas and his temp is 38.3, can i give him motrin?",
    ]);
}

#[test]
fn not_knowing_how_long_is_no_question() {
    assert_urgent(&[
        "found my dad on the bathroom floor, he's confused and i dont know how long he was down",
        "la encontramos en el suelo, está confundida y no sabemos cuánto tiempo lleva así",
    ]);
}

#[test]
fn someone_who_left_is_no_sign_that_went_away() {
    assert_urgent(&[
        "mi papá dice que va a matar al vecino y ya se fue para su casa con un cuchillo",
    ]);
}

#[test]
fn round_ten_spot_check_signs() {
    assert_urgent(&[
        // A farewell with cancelled care and "not her fault".
        "thank you for trying to help me. i won't need my therapist anymore after this week, tell my dad it's not his fault",
        // A threat to return armed.
        "patient left angry saying he will come back with a gun for the front desk",
        // Postpartum danger signs in second-language English.
        "I give birth 10 days ago, now very strong headache and I see flashing lights",
        // Bilious vomiting in a young infant written as a clinical age.
        "6 wk boy vomiting green since midnight, belly distended",
        // An admitted ingestion of many tablets.
        "pt admits to 40 tabs of his sertraline around noon",
        // Doubled digoxin with its toxic signs.
        "dad took his lanoxin twice today by mistake and says the lights look yellowish",
        // A first food with hives and wheezing.
        "tried giving her egg for the first time, now hives and she's wheezing",
    ]);
}

#[test]
fn round_eleven_clinical_and_spanish_signs() {
    assert_urgent(&[
        // A seizure told by its foam, not its name (a pattern's
        // alternatives had swallowed "foaming").
        "he's shaking and foaming at the mouth and it won't stop",
        // Off the top of a building.
        "thinking about jumping off the top of the hospital parking garage tonight",
        // A pregnancy counted in weeks alone, a baby that does not move.
        "36 semanas y el bebé no se ha movido en todo el día",
        // Ectopic signs in Spanish: one-sided pain and fainting.
        "tengo 6 semanas de embarazo, un dolor fuertísimo de un lado y casi me desmayo",
        // A first dose written "1st", then hives and wheezing.
        "started the new amoxicillin rx, after the 1st dose he has hives and is wheezing",
        // Medication errors under way.
        "pharmacy filled her methotrexate as daily, she has taken it 6 days and has mouth sores",
        "RN reports KCl 20 mEq was given IV push, pt c/o chest fluttering",
        "gave my 2 month old 4 ml of the infant tylenol instead of 1.25 ml",
        // A slow heart with fainting.
        "pt HR 44, near syncope twice this morning, pale",
        // A positive blood culture.
        "positive blood cx x1 with yeast, pt has a port at home",
        // A farewell with a decision and thanks.
        "ya tomé la decisión. les agradezco todo, cuiden a mis hijos",
        "gave away my guitar to my brother and just wanted to say thanks for trying",
        "nobody will miss me, i have the pills counted out",
        "he keeps saying he is done being a burden and his rifle is out",
        "i won't be at school tomorrow or ever again. it's fine",
        // Someone else's pills with symptoms.
        "took 2 of my roommates pills to sleep, idk what they were, now my heart is pounding",
        // Threats and a family hiding.
        "my dad with dementia is swinging a cane at the aide, we locked ourselves in the bathroom",
        // A drug reaction that peels the skin.
        "fever since yesterday and now her skin is peeling and blisters in her mouth",
        // An infant's seizure.
        "my 5 week old's leg jerks over and over and her eyes turn to one side",
        // A quotation that ends a sentence, then the past.
        "he told me he is \"done being a burden.\" His wife died in March.",
    ]);
}

#[test]
fn round_twelve_everyday_voices() {
    assert_urgent(&[
        // Letters to the children and thanks that say goodbye.
        "I am so tired. I write letters to my sons tonight so they will understand",
        // Speech not clear in second-language English.
        "my father speak not clear since breakfast and his right hand is weak",
        // A younger sibling and someone's pills, asked as a question.
        "is it bad that my baby sister ate some of my grandpas pills, shes acting really sleepy",
        // A button battery, however well the child seems.
        "my 3 year old swallowed a small battery from a toy, he seems ok",
        // Insulin without food, then sweat and shaking.
        "forgot to eat after my insulin shot, now shaking and sweating a lot",
        // A simile of someone sitting on the chest, pain to the jaw.
        "feels like somebody sits on my chest and it goes to my jaw, is it gas?",
        // An absence foretold.
        "she keeps telling us she won't be a problem much longer",
        // Less movement at 36 weeks, in Spanish.
        "38 semanas y el bebé no se mueve como antes desde ayer",
        // Too many taken, in the present tense.
        "I take too many pill for sleep tonight, I feel very heavy",
    ]);
}

#[test]
fn round_thirteen_the_hardest_categories() {
    assert_urgent(&[
        // A last visit and a pet given away.
        "at checkout she said this was her last appointment, she already gave her cat to her neighbor",
        // A clinician's concern for a heart attack.
        "64M DM, nausea and fatigue, denies CP. concern for atypical ACS, please advise",
        // Nitro being taken for a squeeze like before.
        "same squeeze as before my stent, 15 minutes now, taking the nitro",
        // A wish not to wake, means set out.
        "i want to just not wake up. my pills are lined up on the dresser",
        // Waking on the floor, not knowing how long.
        "woke up on the bathroom floor, no idea how long i was out",
        // Not expecting to be around.
        "dont think ill be around for the follow up honestly",
        // A means thought of whole.
        "thinking about injecting the whole pen and being done with all of it",
        // Self-injury.
        "i cut my leg on purpose last night and it wont stop oozing",
        // A letter and a ring handed over; better without her.
        "she handed me her wedding ring and a letter and said we'd be better off without her",
        // Spanish thanks for trying.
        "ya les dejé cartas. gracias por intentar ayudarme",
        // Pain between the shoulder blades with a cold sweat.
        "pain between my shoulder blades, cold sweat, nauseous",
        // Orthopnea and fluid heard.
        "cant lie flat anymore, her breathing sounds bubbly and gurgling",
        "can't lie down without feeling like I'm drowning",
        // Rubbing the chest, pale and cold.
        "dad keeps rubbing his chest and he's pale and cold",
        // Confusion told as acting weird.
        "mom is acting really strange, like drunk, and she doesn't drink",
        // A loaded gun and a plan with a time.
        "pt disclosed a loaded revolver at home and a plan for tonight",
    ]);
}

#[test]
fn round_fourteen_surgical_and_toxic_emergencies() {
    assert_urgent(&[
        // Bile-green vomiting in a child.
        "my 2 year old keeps vomiting and it's dark green now",
        "el niño está vomitando verde desde la mañana",
        // A twisted testicle.
        "my son woke up with sudden really bad pain in his testicle and he's puking",
        // A trapped hernia.
        "his hernia popped out and it won't go back in, it's purple",
        "there's a lump in her groin since this morning, hard and red, she won't stop crying",
        // A cold, white limb.
        "my husband's foot went suddenly cold and pale and he can barely feel it",
        // Appendicitis: pain low on the right with fever.
        "pain in my lower right belly getting worse all day, now I have a fever",
        // A broken hip after a fall.
        "grandpa fell in the kitchen, his hip hurts and he can't stand up",
        // An object in the airway.
        "she swallowed a marble and now she's gagging and drooling",
        // Not coming round after a seizure; a first seizure.
        "he had a seizure 20 minutes ago and he still isn't responding to us",
        "had my first ever seizure at work an hour ago, im scared",
        // Serotonin toxicity.
        "started on linezolid yesterday, takes fluoxetine too, now his legs keep jerking and he's sweating",
        // Many pills taken, their strength named.
        "my roommate took 25 of her trazodone 50mg, she's really drowsy",
        // An ectopic pregnancy not yet excluded.
        "ultrasound showed no IUP, hcg rising, now sharp pain on one side",
        // A critical value after a title.
        "potassium on Mrs. Ortega is 7.1 just now",
    ]);
}

#[test]
fn round_fifteen_emergencies_without_their_names() {
    assert_urgent(&[
        // A head struck on a blood thinner; a fall, then sleepier.
        "banged my forehead on the cabinet, i take xarelto",
        "mi papá se cayó ayer y hoy está muy confundido",
        // A transplant months ago, a fever now.
        "liver transplant last spring, now 101.8 and shaking",
        // Deep burns.
        "spilled boiling water on my foot, skin looks white and it doesn't even hurt",
        "se quemó la mano con aceite caliente y tiene ampollas grandes",
        // A stiff neck said plainly, light hurting.
        "fever since last night and his neck is stiff, cries when the light is on",
        // Tearing pain into the back.
        "sudden ripping pain in my chest going through to my back",
        // A headache like a blow.
        "worst headache, like i got hit with a hammer, came on in seconds",
        // Days without insulin.
        "ran out of insulin two days ago, now throwing up and breathing fast",
        // Red jelly in a baby's diaper.
        "my 9 month old has a diaper with red jelly stuff and keeps screaming",
        // Bowel bleeding with dizziness; bleeding on warfarin.
        "black tarry poop this morning and now im dizzy when i stand",
        "on warfarin and now bruising everywhere and peeing blood",
        // Cold exposure, slow answers.
        "found him outside, hands ice cold, slow to answer questions",
        // An airway threatened by a swelling.
        "jaw swelling from my tooth and now i cant swallow my own spit",
        // Shock after an infusion.
        "mid infusion: hives, BP 76/40, infusion stopped",
        // Orientation lost from baseline.
        "rehab pt: usually A&Ox4, now x1 and febrile",
        // "Can't do this anymore" and a plan.
        "i cant do this anymore. i have a plan for tomorrow",
    ]);
}
