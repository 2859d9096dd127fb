//! Word classes shared by the rules and cues, usable in patterns as
//! `@name` (see `pattern`). Words are in normalised spelling: lowercase,
//! no apostrophes ("cant"), accents folded ("está" -> "esta"), texting
//! expanded (see `spelling`). The Spanish members of a class are in
//! `concepts_es`: a class has the members of both tables.

use crate::pattern::Concept;

/// Every table of word classes.
pub const CONCEPTS: &[&[Concept]] = &[ENGLISH, crate::concepts_es::SPANISH];

pub const ENGLISH: &[Concept] = &[
    // --- body and symptoms -------------------------------------------------
    (
        "chest",
        // ("chess": the chest as speech-to-text hears it.)
        "chest, chess, sternum, breastbone, substernal, retrosternal, midsternal",
    ),
    (
        "chest_hurt",
        "pain, pains, painful, hurt, hurts, hurting, ache, aches, aching, achy, \
         pressure, tight, tightness, tighter, tightening, squeezing, squeeze, squeezed, \
         crushing, crushed, crush, heavy, heaviness, discomfort, stabbing, weight, \
         elephant, vice, vise, killing, pressing, pressed, presses, cinched, cinching, \
         clamped, clamping, constricted, constricting",
    ),
    (
        "clutch",
        "clutching, clutched, clutches, grabbing, grabbed, holding, clenching, clasping, \
         gripping, grasping, rubbing, rubs",
    ),
    (
        "breathe",
        "breathe, breath, breathing, breaths, breathin, breathes",
    ),
    (
        "breath_trouble",
        "cant, couldnt, unable to, not able to, trouble, troubled, difficulty, \
         difficult, hard, harder, struggling, struggle, struggles, labored, laboured, \
         gasping, fighting, fight, problems, problem, hardly, barely, short, shortness, \
         out of, catch",
    ),
    (
        "breath_hard",
        "hard, difficult, labored, laboured, shallow, rapid, fast, noisy, raspy, ragged, \
         short, weird, funny, strange, struggling, gasping, wheezy, faster, harder, \
         heavier, worse",
    ),
    (
        "blue_part",
        "lips, lip, face, fingers, skin, mouth, nails, tongue",
    ),
    ("blue", "blue, bluish, purple, purplish, gray, grey, dusky"),
    (
        "inhaler",
        "inhaler, inhalers, albuterol, nebulizer, neb, nebs, puffer, rescue, ventolin, \
         proair, proventil, xopenex, levalbuterol, duoneb, breathing treatment, \
         breathing machine, mdi, rescue mdi, hfa, asthma medicine, asthma meds, \
         asthma med, medicine for asthma, medicine for the asthma, medicine for my asthma, \
         asthma spray, asthma pump, rescue pump, inhaler pump, blue inhaler, \
         emergency inhaler, machine for breathing, machine for the breathing, \
         the one for emergency, \
         breathing treatments, treatments, puffs",
    ),
    (
        "not_working",
        "not working, isnt working, not helping, isnt helping, doesnt help, didnt help, \
         barely helped, hardly helped, hardly helps, hardly helping, \
         didnt work, doesnt work, arent working, arent helping, not doing anything, \
         no help, no relief, wont help, not touching, only helps for, only lasts, \
         wears off, doesnt last, not lasting, no longer works, stopped working, \
         barely helps, minimal relief, little relief, not much relief, no effect, \
         no improvement, isnt lasting, barely touches, barely touching, doesnt touch, \
         not touching it, isnt cutting it, not cutting it, not holding, isnt holding, \
         not doing much, isnt doing much, doesnt do much, didnt do much, no longer helping, \
         no longer working, minimal improvement, little improvement, not really working, \
         not really helping, isnt really working, isnt really helping, barely working, \
         barely helping, not helping much, doesnt seem to help, dont seem to help, \
         doesnt seem to work, makes no difference, no difference, isnt doing anything, \
         doesnt do anything, didnt do anything, did nothing, does nothing, \
         not make better, not making better, no make better, no better, not better, \
         no help, and nothing, no good, is no good, no working, not work, no works, \
         nothing helps, nothing works",
    ),
    (
        "face",
        "face, facial, mouth, smile, lip, lips, eyelid, cheek",
    ),
    (
        "droop",
        "droop, drooping, droopy, drooped, droops, crooked, uneven, lopsided, sagging, \
         saggy, sagged, slack, twisted, hanging, fallen, slanted, slumped, pulled down, \
         pulling down, sliding down, off center, off to one side",
    ),
    (
        "numb",
        "numb, numbness, weak, weakness, tingling, tingly, paralyzed, paralysed, \
         paralysis, dead, limp, cant move, cant feel, cant lift, cant raise, cant use, \
         wont move, floppy",
    ),
    (
        "one_side",
        "one side, # side, left side, right side, same side, half of, half my, half his, \
         half her, whole side, one arm, one leg, left arm and leg, right arm and leg, \
         arm and leg, leg and arm, face and arm, arm and face, face and leg",
    ),
    (
        "speech_cant",
        "cant, couldnt, unable to, not able to, trouble, hard to, struggling to, \
         difficulty, cant really, having trouble",
    ),
    (
        "speak",
        "speak, talk, talking, speaking, get words out, get the words out, \
         get his words out, get her words out, find words, find the words, \
         find his words, find her words, find my words, say a full sentence, \
         say a sentence, form words, form sentences, say words, finish a sentence, \
         finish her sentence, finish his sentence, finish my sentence, understand what, \
         understand me, get a sentence out, get a word out, get it out, form a sentence, \
         say anything, get his words, get her words, make sense, put words together",
    ),
    (
        "sudden",
        "sudden, suddenly, all of a sudden, out of nowhere, out of the blue, abrupt, \
         abruptly, came on fast, all at once, at once, just now, without warning, \
         in an instant",
    ),
    (
        "bleed",
        "bleed, bleeds, bleeding, bled, blood, bloody, hemorrhag*, hemorage, nosebleed, \
         nosebleeds",
    ),
    (
        "heavy_bleed",
        "heavy, heavily, a lot, lots, severe, severely, profuse, profusely, \
         uncontrolled, uncontrollable, everywhere, gushing, gush, gushes, spurting, \
         spurts, pouring, pours, squirting, soaking, soaked, wont stop, cant stop, \
         not stopping, doesnt stop, isnt stopping, hasnt stopped, wont quit, massive, \
         tons, nonstop, non stop, so much, bad, badly, too much, puddle, pool, cups, \
         cup of, clots, streaming, dripping, very much, like water, more and more, \
         like crazy, wont slow down, not slowing, keeps coming, running down, \
         pouring down, soaked through",
    ),
    (
        "vomit",
        "vomit, vomits, vomited, vomiting, throwing up, threw up, throw up, throws up, thrown up, \
         puking, puked, puke, pukes, spitting up",
    ),
    ("throat", "throat, airway, windpipe"),
    (
        "closing",
        "closing, closed, close, closes, tight, tighter, tightening, tightness, \
         constricting, constricted, swelling, swollen, swelled, swell, puffy, shutting, \
         narrowing",
    ),
    (
        "swell",
        "swelling, swollen, swelled, swell, swells, puffy, puffed, puffing, blowing up, \
         ballooning, huge",
    ),
    (
        "allergen",
        "peanut, peanuts, nut, nuts, walnut*, cashew*, almond*, pecan*, hazelnut*, \
         pistachio*, sesame, shellfish, shrimp, crab, lobster, fish, egg, eggs, milk, \
         dairy, soy, wheat, bee, bees, wasp, hornet, yellow jacket, stung, sting, \
         penicillin, amoxicillin, keflex, bactrim, sulfa, latex, contrast, allergic",
    ),
    (
        "expose",
        "ate, eaten, eating, ingested, swallowed, exposed, stung, bitten, bit, took, \
         taken, had, drank, tasted, touched, given, gave, started, giving, give, tried, trying, \
         introduced, introducing",
    ),
    (
        "administer",
        "used, gave, giving, given, injected, had to use, administered, jabbed, stuck, \
         using",
    ),
    (
        "child",
        "son, daughter, kid, kids, toddler, baby, child, grandson, granddaughter, \
         infant, boy, girl, twins, little one, # year old, # yr old, # years old, # yo, \
         # month old, # months old, # mo old, # week old, # weeks old, # day old, \
         # days old, # wk old, preschooler, teenager, teen, stepson, \
         stepdaughter, nephew, niece, little brother, little sister, baby brother, \
         baby sister, younger brother, younger sister, my # mo, our # mo, my # mos, our # mos, \
         my # yo, our # yo, preschool, daycare, day care, kindergarten, pack n play, sippy cup, stroller, \
         diapers",
    ),
    (
        "substance",
        "pill*, med, meds, medicine*, medication*, tablet*, tabs, capsule*, drug*, \
         xanax, valium, ativan, klonopin, benzo*, oxy*, percocet*, vicodin, norco, \
         fentanyl, heroin, opioid*, opiate*, morphine, methadone, tramadol, tylenol, \
         acetaminophen, apap, digoxin, lanoxin, paracetamol, advil, ibuprofen, motrin, aleve, aspirin, insulin, \
         benadryl, ambien, lithium, seroquel, antidepressant*, gabapentin, adderall, \
         suboxone, dilaudid, hydrocodone, codeine, vitamins, gummies, edible*, patch, \
         patches, metformin, warfarin, digoxin, melatonin, zolpidem, trazodone, \
         clonazepam, alprazolam, lorazepam, sertraline, prozac, zoloft, dose, doses, \
         iron, nitro, syrup, cough syrup, cocaine, meth, alcohol, vodka, whiskey, booze, \
         metoprolol, lisinopril, amlodipine, atenolol, propranolol, diltiazem, verapamil, \
         clonidine, glipizide, glyburide, glimepiride, glibenclamide, gliclazide, methotrexate, levothyroxine, prednisone, \
         amitriptyline, nortriptyline, quetiapine, olanzapine, risperidone, haloperidol, \
         carbamazepine, valproate, phenytoin, lamotrigine, levetiracetam, topiramate, \
         buprenorphine, promethazine, diphenhydramine, doxylamine, cyclobenzaprine, \
         baclofen, tizanidine, hydroxyzine, clozapine, xarelto, eliquis, lasix, \
         furosemide, spironolactone, nyquil, dayquil, thc, gummy",
    ),
    (
        "street_drug",
        "fentanyl, heroin, oxy*, opioid*, opiate*, xanax, benzo*, percocet*, morphine, \
         methadone, dilaudid, cocaine, meth, someone elses, somebody elses, friends, \
         not mine, street, pressed",
    ),
    (
        "poison",
        "bleach, antifreeze, cleaner, cleaners, cleaning, detergent, pod, pods, battery, \
         batteries, drano, lye, pesticide, insecticide, rat poison, poison, \
         paint thinner, gasoline, lighter fluid, lamp oil, windshield, \
         nail polish remover, hand sanitizer, essential oil, mushroom*, chemical*, \
         ammonia, weed killer, roundup, paraquat, gramoxone, herbicide, \
         mouthwash, lysol, clorox, dishwasher, laundry, \
         magnet, magnets",
    ),
    (
        "ingest",
        "took, taken, swallowed, ate, eaten, drank, chewed, downed, popped, snorted, \
         swallow, eat, drink, \
         bit into, bitten into, bit a, \
         injected, used, mixed, ingested, got into, gotten into, got ahold of, \
         got hold of, gave, given, licked, sucked, consumed, smoked, shot up, admits, \
         admitted, admits to, admitted to, endorses, endorsed",
    ),
    (
        "excess",
        "too many, too much, bunch, handful, whole bottle, entire bottle, whole pack, \
         whole box, whole thing, all of, all her, all his, all my, all the, all their, \
         someone elses, somebody elses, friends, not prescribed, a lot of, tons of, \
         more than, way too, the rest of, at once, overdose, several, dozen, lots of, \
         a bottle, bottle of, the bottle, on purpose, \
         unknown number, unknown amount, unknown quantity, unknown qty, \
         dont know how many, not sure how many, no idea how many",
    ),
    (
        "mild_excess",
        "double, twice, extra, by mistake, by accident, accidentally, accidental, wrong, \
         extra dose, two doses, doubled, doubled up, double dosed, \
         took it twice, took them twice",
    ),
    (
        "risky_dose",
        "insulin, heart, blood pressure, bp, thinner*, warfarin, eliquis, xarelto, \
         coumadin, opioid*, oxy*, percocet*, morphine, fentanyl, methadone, xanax, benzo*, \
         sleeping, ambien, lithium, digoxin, seizure, metoprolol, diltiazem, amlodipine, \
         @child, grandma, grandpa, dizzy, faint, pulse, heart rate, sleepy, drowsy, \
         @confused, @vomit, slow, weak, @ams",
    ),
    (
        "ams",
        "unresponsive, not responsive, not responding, isnt responding, wont respond, \
         doesnt respond, didnt respond, not waking, wont wake, cant wake, hard to wake, \
         cant keep her eyes open, cant keep his eyes open, cant keep my eyes open, \
         cant keep their eyes open, unconscious, passed out, nodding off, knocked out, \
         unarousable, not arousable, cant be woken, cant stay awake, wont stay awake, \
         wont answer me, doesnt answer me, not answering me, wont answer us, \
         barely wake, can barely wake, barely waking, barely awake, \
         blacked out, wont open her eyes, wont open his eyes, \
         hard to rouse, difficult to rouse, hard to arouse, difficult to arouse, \
         cant rouse, cant rouse him, cant rouse her, barely rousable, \
         falls asleep mid sentence, falling asleep mid sentence, fell asleep mid sentence, \
         drifts off mid sentence, drifting off mid sentence, dozes off mid sentence, \
         falls asleep while talking, falling asleep while talking, \
         cant keep him awake, cant keep her awake, cant keep them awake",
    ),
    (
        "confused",
        "confused, confusion, confusde, disoriented, out of it, not making sense, \
         isnt making sense, isnt making any sense, not making any sense, \
         doesnt know where, doesnt recognize, didnt recognize, not acting right, \
         acting strange, acting weird, acting strangely, acting really weird, \
         acting so weird, acting really strange, acting very strange, lethargic, delirious, \
         talking nonsense, not herself, not himself, really sleepy, very sleepy, \
         talking not normal, talking not right, talk not normal, not talking right, \
         not acting like herself, not acting like himself, mumbling, mumbles, \
         doesnt know me, doesnt know us, dont know me, doesnt know who i am, \
         hallucinating, hallucinations, seeing things, talking to people who arent there, \
         glassy, zoned out, spaced out, not with it, \
         acting drunk, seems drunk, looks drunk, like hes drunk, like shes drunk, \
         acting like drunk, acting like hes drunk, acting like shes drunk, \
         groggy, super groggy, a o x1, a o x2, ao x1, oriented x1, \
         so sleepy, groggy, drowsy, incoherent, somnolent, obtunded, confuse, \
         not know where, no know where, dont know where, not know who, \
         not know what day, not recognize, no recognize, \
         doesnt seem to know, dont seem to know, does not seem to know, does not know who, \
         didnt know where, didnt know who, doesnt know what year, doesnt know the year, \
         asking what day, asking the same question, asking the same thing, \
         asking what year, asking what month, asking where he is, asking where she is, \
         asking where they are, asking who i am, asks what year, asks what day, \
         not knowing who, not know which day, no idea where she is, no idea where he is, \
         perseverating, perseverates, nonsensical, asking the same question, \
         asks the same question, asking the same thing, keeps asking the same, \
         repeating the same question, not recognizing, isnt recognizing, \
         not following commands, cant follow commands, picking at the air, \
         grabbing at the air, reaching for things that arent there",
    ),
    (
        "fever",
        "fever, fevers, feverish, febrile, temp, temperature, burning up, \
         hot to the touch, hot to touch, feels hot, feel hot, felt hot, running hot, \
         high temp, is hot, so hot, very hot, really hot, feels warm, felt warm, \
         warm to the touch, warm to touch",
    ),
    // A fever said in words, not a temperature taken: "temp 98.9" is a
    // reading whose number decides (see `rules::FEVER_SAID`).
    (
        "fever_said",
        "fever, fevers, feverish, febrile, a temp, a temperature, temps, spiked a temp, \
         spiking a temp, spiking temps, burning up, hot to the touch, hot to touch, \
         feels hot, feel hot, felt hot, running hot, high temp, is hot, so hot, very hot, \
         really hot, feels warm, felt warm, warm to the touch, warm to touch",
    ),
    (
        "temp_word",
        "temp, temperature, fever, running, thermometer, rectal, rectally, reads, \
         reading, spiked",
    ),
    (
        "glucose",
        "sugar, sugars, glucose, bs, bg, bgl, cbg, glucometer, meter, dexcom, libre, \
         cgm, finger stick, fingerstick",
    ),
    (
        "head_injury",
        "hit her head, hit his head, hit my head, hit their head, hit the head, \
         bumped her head, bumped his head, bumped my head, banged her head, \
         banged his head, banged my head, head injury, head trauma, concussion, \
         smacked her head, smacked his head, smacked my head, hit head, \
         fell on her head, fell on his head, fell on my head, landed on her head, \
         landed on his head, landed on my head",
    ),
    (
        "thinner",
        "blood thinner*, thinners, thinner, eliquis, xarelto, warfarin, coumadin, \
         plavix, pradaxa, lovenox, heparin, anticoag*, apixaban, rivaroxaban, \
         clopidogrel, brilinta, hemophilia, haemophilia, von willebrand, bleeding disorder",
    ),
    (
        "pregnant",
        "pregnan*, preggo, preggers, trimester, gestation*, fetal, fetus, my ob, obgyn, \
         due date, postpartum, post partum, gave birth, just delivered, c section, \
         csection, my midwife, the midwife",
    ),
    ("weeks", "weeks, week, wks, wk"),
    ("months", "month, months, mo, mos, mth, mths, mnth, mnths"),
    ("days", "day, days, d"),
    (
        "severe",
        "severe, severely, bad, really bad, terrible, horrible, worst, unbearable, \
         excruciating, intense, awful, extreme, killer, pounding, strong, \
         very strong, really strong, so strong",
    ),
    (
        "third_party",
        "friend, friends, coworker, coworkers, co worker, colleague, neighbor, \
         neighbour, neighbors, classmate, roommate, boss, teacher, acquaintance, \
         someone, somebody, a guy, a lady, a man, a woman, stranger, people, a person, \
         anyone, patients, kids, children, uncle, aunt, auntie, cousin, cousins, \
         sister in law, brother in law, mother in law, father in law, in laws, \
         a friend, friends husband, friends wife, friends mom, friends dad, tia, tio, \
         prima, primo, suegra, suegro, doctor there, doctors there, hospital there, \
         back home, in my country, in our country, en mi pais, alla en",
    ),
    (
        "analyte",
        "potassium, sodium, glucose, hemoglobin, hgb, hb, platelet*, plt, inr, calcium, \
         troponin, trop, lactate, lactic, k, na, wbc, hematocrit, hct, magnesium, \
         creatinine, bilirubin, anc, neutrophil*, pt, ptt, ammonia, digoxin, lithium",
    ),
    (
        "refill",
        "refill*, renew, renewal, new script, prescription, rx, script, replace, \
         replacement, expired, expires, expiring, expire, order more, running low, \
         run out, ran out",
    ),
    // --- added for issue 10: signs in lay words --------------------------
    (
        "cardiac_assoc",
        "sweating, sweaty, sweats, clammy, diaphoretic, diaphoresis, cold sweat, \
         drenched, soaked in sweat, left arm, arm, jaw, short of breath, breathless, \
         lightheaded",
    ),
    (
        "heartburn",
        "heartburn, indigestion, acid, reflux, gerd, burning, epigastric, antacid*, tums, \
         pepcid, rolaids, maalox, gaviscon, omeprazole, prilosec, nexium, gas",
    ),
    (
        "repeated",
        "over and over, again and again, twice, thrice, every hour, every half hour, every # min, \
         every # minutes, every few minutes, back to back, # times, # puffs, # treatments, \
         q20, q20min, q15, q15min, q1h, q30, q30min, q2h, hourly, around the clock, \
         repeatedly, keep using, keeps using, kept using, \
         nonstop, constantly, all night, all day, several times, multiple times, many times, \
         x2, x3, x4, # nebs, # neb, # times in, more than usual, like crazy, half my, \
         half the, half of, every # hours, every # hrs, every couple hours, every couple of hours, \
         q1h, q2h, q3h, q1hr, q2hr, x # hrs, x # hours, another # puffs, # more puffs, \
         all morning, all evening, since last night, since this morning, too many times, \
         too many time, many times, many time, so many times",
    ),
    (
        "floor",
        "floor, ground, bathroom floor, kitchen floor, down",
    ),
    (
        "time_unknown",
        "what day it is, what day, the date, what year, the year, what month, where he is, \
         me, us, the day, the time, \
         where she is, where they are, where she was, where he was, who i am, who we are, \
         his name, her name, how long, how she got, how he got, its #, it is #",
    ),
    (
        "immunosuppressed",
        "chemo, chemotherapy, neutropenic, neutropenia, transplant, dialysis, \
         immunocompromised, immunosuppressed, steroids, prednisone, cancer treatment, \
         radiation, anc, biologic, humira, methotrexate",
    ),
    (
        "no_urine",
        "no pee, not peed, hasnt peed, hasnt pee, hasnt urinated, no urine, not urinated, \
         havent peed, havent urinated, cant pee, cant urinate, \
         no uo, minimal uo, not passing urine, not pass urine, no urine output, \
         no wet diaper, no wet diapers, dry diaper, dry diapers, hasnt had a wet diaper, \
         only one wet diaper, one wet diaper, dont think shes peed, dont think she peed, \
         dont think hes peed, dont think he peed, dont think shes urinated, \
         minimal urine, barely peeing, barely peed, little urine, no fluids, \
         isnt peeing, not peeing, wont pee, hasnt urinated, isnt urinating, not urinating, \
         hasnt gone pee, hasnt made urine, no void, no voids, not voided, hasnt voided, \
         not voiding, anuric, anuria",
    ),
    (
        "dressing",
        "dressing, dressings, bandage, bandages, gauze, pad, pads, towel, towels, \
         wound, incision, stitches, staples, cast",
    ),
    (
        "soaked",
        "soaked, soaking, saturated, saturating, bled through, bleeding through, \
         full of blood, filled with blood, drenched, dripping",
    ),
    (
        "weapon",
        "gun, guns, pistol, rifle, shotgun, knife, knives, firearm, weapon, weapons, \
         handgun, handguns, revolver, firearms, \
         bat, machete, ax, axe",
    ),
    // Bites to treat as venomous until a clinician says otherwise (an
    // unknown snake included); not a brown recluse's, treated in days.
    (
        "venomous",
        "snake, snakes, rattlesnake, rattler, copperhead, cottonmouth, water moccasin, \
         coral snake, black widow, serpiente, culebra, vibora, cascabel, alacran",
    ),
    (
        "kill_verb",
        "kill, killing, murder, stab, stabbing, shoot, shooting, strangle, choke, \
         beat up, hurt, attack, burn, blow up",
    ),
    (
        "farewell",
        "sorry for everything, forgive me, goodbye everyone, goodbye forever, \
         love you all, i love you all, tell my kids, tell my mom, tell my family, \
         its not her fault, its not his fault, its not your fault, its not their fault, \
         not anyones fault, \
         take care of my, thank you for everything, thanks for everything, \
         thank you for being nice to me, thanks for being nice to me, \
         thank you for being so nice to me, thank you for being kind to me, \
         thanks for being there for me, thank you for all the years, \
         thanks for all the years, gracias por todos estos anos, \
         gracias por ser tan buena conmigo, gracias por ser tan bueno conmigo, \
         gracias por todo, perdon por todo, perdonenme, perdoname, adios a todos, \
         los quiero mucho a todos, cuiden a mis, cuiden de mis, les agradezco todo, \
         agradezco todo lo que hicieron",
    ),
    (
        "emergency_med",
        "epipen, epipens, epi pen, auvi q, narcan, nitro, glucagon, inhaler",
    ),
];

#[cfg(test)]
mod tests {
    use super::CONCEPTS;

    /// Numbers are read as one token ("#"), so a member with a
    /// number ("1 wet diaper") could never match: a number belongs in a
    /// pattern with its check.
    #[test]
    fn no_member_is_written_with_digits() {
        for (name, members) in CONCEPTS.iter().flat_map(|table| table.iter()) {
            for member in members.split(',') {
                let number = |w: &str| w.chars().all(|c| c.is_ascii_digit() || c == '.');
                assert!(
                    !member.split_whitespace().any(number),
                    "@{name}: {member:?} has a number"
                );
            }
        }
    }
}
