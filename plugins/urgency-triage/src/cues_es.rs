//! The Spanish side of the cues in `cues` (same roles, same scoping):
//! history, resolution, conditionals, questions, education, what is
//! happening now. Accents folded, as everywhere ("ya se me pasó" is
//! matched as "ya se me paso").

pub const HISTORY: &[&str] = &[
    // "tuve preeclampsia con mi primer bebé": a past pregnancy.
    "con|en ..1 mi|el|su ..1 primer|primera|anterior|ultimo|ultima|otro|otra ..1 bebe|embarazo|hijo|hija|parto",
    "la|el ..1 semana|mes|ano|verano|invierno|otono|primavera|navidad ..1 pasada|pasado",
    "el ..1 fin ..2 semana ..1 pasado",
    "antecedente*|historial ..1 de",
    "de nino|nina|chico|chica|joven|adolescente|pequeno|pequena|bebe|chiquito|chiquita",
    "cuando ..1 era|tenia|estaba|eramos|estaba ..2 nino|nina|chico|chica|joven|embarazada|bebe|pequeno|pequena|chiquito|chiquita|chamaco|chamaca|morrito|morrita|#|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez",
    // "mi abuelo se murió de un infarto a los 50": a death told is past.
    // (Not "mi esposo que se murió": a loss told is no history of a sign.)
    "murio|fallecio ..2 de ..1 un|una",
    "en ..1 la ..1 prepa|secundaria|primaria|universidad",
    "en ..1 enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre",
    "mi|el|su ..1 embarazo|parto ..1 pasado|anterior",
    "en ..1 mi|su|el ..1 otro|primer|anterior ..1 embarazo|parto",
    "cronico|cronica",
    "de ..1 cuando",
    "cuando ..1 me|le|te|nos ..1 dio|dieron",
    "cuando ..1 tuve|tuvo|tuvimos",
    // "Hace dos meses me internaron por ...": at the head of a clause, a
    // span of months or years dates what follows.
    "hace ..1 # ..1 anos|meses|ano|mes",
    "hace ..1 un|una|unos|unas|dos|tres|cuatro|cinco|seis|varios|varias|muchos ..1 anos|meses|ano|mes",
    "hace ..1 anos|mucho_tiempo|tiempo",
];

pub const HISTORY_AFTER: &[&str] = &[
    "hace ..1 anos|meses|mucho|tiempo|ratote",
    "hace ..1 # ..1 anos|meses|ano|mes|semanas|semana",
    "hace ..1 un|una|unos|unas|dos|tres|varios|varias ..1 anos|meses|ano|mes|semanas|semana",
];

pub const HISTORY_RIGHT_AFTER: &[&str] = &["una vez", "antes", "alguna vez"];

pub const ONGOING: &[&str] = &[
    "desde",
    "hace ..3 que",
    "empezo|empezaron|comenzo|comenzaron|inicio|empece",
    "todavia|aun|sigue|sigo|siguen|seguimos",
    "otra vez",
    "de nuevo",
    "nuevamente",
    "en ..1 las|los ..1 ultimas|ultimos ..2 horas|dias|minutos",
];

pub const RESOLUTION: &[&str] = &[
    "ya ..2 paso|pasaron|quito|quitaron|fue|calmo|controlo|resolvio|mejoro|mejore|normalizo|recupero|detuvo|paro|compuso|curo",
    "se ..2 quito|paso|calmo|controlo|resolvio|detuvo|normalizo|compuso|curo|recupero",
    // A standing state: "un poco confundido como siempre".
    "como ..1 siempre|de_costumbre|normalmente",
    // "hoy ya no tiene": no longer.
    "ya ..1 no ..1 tiene|tengo|le_da|me_da|hay",
    "igual ..1 que ..1 siempre",
    "se_recupero|se_repuso|volvio_en_si",
    "se ..1 me|le ..1 quita|pasa|calma",
    "ya ..1 no ..1 tengo|tiene|hay ..1 nada|dolor|sangrado|fiebre",
    "hoy ..1 ya ..1 nada",
    "ya ..2 bien|mejor|normal|estable|tranquilo|tranquila",
    "ahora ..2 estoy|esta|estamos|anda|ando ..1 bien|mejor|normal|estable",
    "se_siente|me_siento|nos_sentimos|se_sintio|me_senti ..1 bien|mejor|fine|ok|okay|good",
    "salio|salieron|salio_todo ..2 normal|normales|bien|negativo|negativos|negativa",
    "todo ..2 bien|normal|normales",
    "no ..2 ha|han|he ..1 vuelto|regresado|repetido",
    "no ..1 volvio|regreso",
    // "ya tiene siete y nunca más".
    "nunca ..1 mas",
    "dijeron|dijo|diagnosticaron|resulto ..2 que ..1 era|fue|es|eran",
    "resulto ser",
    "era ..1 solo|solamente|nada",
    "dado|dada|dieron|dio ..2 de_alta|alta",
    "mandaron|regresaron ..3 casa",
    "descartaron|descartado|descartada",
    // A standing state: "se confunde en las tardes desde hace meses, no es
    // nuevo".
    "no ..1 es ..1 nuevo|nueva|algo_nuevo",
    // "le hicieron electro y dijeron que el corazón está bien",
    // "estaba respirando normal".
    "dijeron|dijo ..2 que ..3 esta|estaba|estan|salio|salieron ..1 bien|normal|normales|sano|sana",
    "respirando|respiraba ..1 normal|normalito|bien",
    "desde ..1 hace ..1 meses|anos|mucho_tiempo",
];

pub const RECURRENCE: &[&str] = &[
    "volvio|regreso|vuelve|regresa|otra_vez|de_nuevo|nuevamente",
    "pero_ahora|ahora_otra",
    // "y ahora me duele igual", not "y ahora el cardiólogo me pide...".
    "y_ahora ..1 me|le|te|nos|tengo|tiene|siento|siente|vuelve|volvio|duele|otra|de_nuevo|esta|estoy|no",
    "peor|empeoro|empeorando",
];

pub const RESOLVED_BEFORE: &[&str] = &[
    // "se me quitó el dolor de pecho", "ya se le pasó la fiebre" (not "se
    // me fue la vista" nor "se le bajó la presión": those are signs).
    "se ..1 me|le|nos|les ..1 quito|paso|calmo",
    // "pasó el ataque de asma con el inhalador", "ya pasó la crisis".
    "ya|ya_se ..1 paso|quito|calmo ..1 el|la|los|las",
    "paso ..1 el|la",
    "se ..2 recupero|curo ..1 de",
    "me ..1 recupere|cure ..1 de",
    "ya ..1 no ..2 tengo|tiene|siento|siente|he_tenido|ha_tenido|hemos_tenido ..2 pensamientos|ideas|ganas|deseos ..1 de",
];

pub const CONDITIONAL: &[&str] = &[
    "si ..1 tiene|tienes|tienen|tuviera|tuvieras|presenta|presentas|presentan|nota|notas|siente|sientes|ve|ves|hay|le|te|se|empieza|empiezas|aparece|aparecen|usted|su|vuelve|llega|sube|baja|sigue|continua|no|alguien|el|ella|mi|tu|nota",
    // Spanish-English: "si my son tiene un asthma attack en la escuela".
    "si ..1 my|your|his|her|our|their|someone|somebody|anyone|anybody|mis|tus|sus|nuestro|nuestra",
    "en caso ..1 de|que",
    // ("si algnú día": a typo between.)
    "si ..2 dia|vez|momento",
    // "si después del parto le da fiebre".
    "si ..1 despues|antes|durante|luego|mientras",
    "por si",
    "llame|llama|llamar|llamen|vaya|ve|ir|vayan|acuda|acudir ..4 si|cuando|en_caso",
    "senales|signos|sintomas|sintoma ..1 de|como|que",
    "como ..1 saber|reconocer|prevenir|evitar|identificar|distinguir",
    "que ..1 hacer|hago|hacemos|haria|harias ..1 si|cuando|en_caso",
    "cuando ..1 ir|llamar|llevar|preocupar*",
    "riesgo|riesgos ..1 de",
    "efectos ..1 secundarios",
    "para ..1 prevenir|evitar",
    "informacion ..1 sobre|de",
    "preguntas|pregunta ..1 sobre",
    "incluyendo|incluye|incluyen",
    "a menos que",
    // "sueño que me da un infarto", "tengo miedo de que me dé un ataque":
    // a dream or a fear, not the sign.
    "sueno|sone|sonando|suenos ..5 que",
    // "¿eso quiere decir que mis hijos van a convulsionar?": a meaning asked.
    "quiere ..1 decir ..1 que",
    // (A subjunctive of what may come: not "miedo de que sea un infarto",
    // a fear about what is happening.)
    "miedo|temor|panico ..3 que ..1 me|le|te|nos ..1 de|den|vaya|vayan|pase|suceda",
];

/// "No sé cuánto tiempo estuvo ahí": not knowing, not a question.
pub const NOT_QUESTION: &[&str] = &[
    // "creo que es para el corazón": a belief told, not asked.
    "creo|pienso|parece|dice|dijo|dicen|creemos ..1 que ..1 es|era|son|fue|esta",
    "no ..1 se|sabe|sabemos|saben|recuerdo|recuerda|estoy_segura|estoy_seguro ..1 cuanto|cuantos|cuantas|como|cuando|por_que|que|donde",
];

pub const NOT_CONDITIONAL: &[&str] = &[
    "no ..1 se ..1 si",
    "nose si",
    "ver si",
    "como si",
    "pregunto si",
    "no ..1 estoy ..1 seguro|segura ..1 si",
    "no ..1 sabemos|sabe ..1 si",
    "que tal si",
];

pub const RESETS: &[&str] = &[
    "tengo|tuve|siento|estoy|yo",
    "me ..1 duele|duelen|siento|falta|cuesta",
    "mi|mis",
    "ahorita|ahora_mismo|en_este_momento",
    "el|ella|ellos ..1 tiene|esta|no_puede|sigue",
];

pub const QUESTION: &[&str] = &[
    // ("no es nada grave" plays it down: no question.)
    "es|son normal|grave|peligroso|peligrosa|malo|mala|posible|comun",
    "es|son muy|tan|algo|esto|eso|demasiado normal|grave|peligroso|peligrosa|malo|mala|posible|comun",
    "puede|pueden|podria ..3 causar|provocar|dar|ser",
    "que ..1 causa|causan|pasa|hago|hacemos|debo|debemos|significa|es|son",
    "como ..1 se|puedo|saber|hago|prevenir|reconocer",
    "cuando ..1 debo|tengo|hay|se",
    "por que ..1 se|me|le|da",
    "deberia|debo|debemos ..1 ir|llamar|llevar|preocupar*",
    "cuanto ..1 tiempo|dura",
    "hay que",
    "cuantos|cuantas|cuanto ..1 grados|dias|horas|tiempo|veces",
    "a ..1 partir ..1 de",
    // "Quería preguntar sobre el folleto ...": asking, said outright.
    "queria|quiero|quisiera|queriamos ..1 preguntar|saber",
];

pub const GENERIC: &[&str] = &[
    "que ..1 sintomas|senales|signos|sintoma",
    "senales|signos|sintomas|sintoma ..1 de",
    "que ..1 causa|causan|provoca",
    "puede|pueden|podria ..3 causar|provocar|dar",
    "es normal|comun|posible|peligroso|grave|malo",
    "es muy|tan|algo|esto|eso|demasiado normal|comun|posible|peligroso|grave|malo",
    "como ..2 saber|reconocer|distinguir|diferenciar",
    // "¿cómo sé si un dolor de pecho es del corazón o es gastritis?", "¿cómo
    // sé si es convulsión o escalofríos?"
    "como ..1 se|sabe|sabemos ..1 si",
    // "¿cómo reconozco si me está dando un infarto?"
    "como ..1 reconozco|reconocer|identifico|distingo ..2 si|cuando|un|una",
    // "¿a qué temperatura se lleva un bebé a emergencias?": any baby.
    "a ..1 que ..1 temperatura",
    "se ..1 lleva|llevan|debe_llevar ..3 a ..1 emergencias|urgencias|hospital",
    "cuando ..2 preocupar*|llamar|ir|llevar",
    "que ..1 hacer ..1 si|cuando",
    "en general|generalmente|normalmente",
    "por lo general",
    "riesgo|riesgos",
    "prevenir|evitar",
    "diferencia entre",
    // "¿qué fiebre es peligrosa para un bebé?": any baby, not this one.
    "para|en ..1 un|una ..1 bebe|nino|nina|recien_nacido|adulto|persona|embarazada",
    // "¿qué es la preeclampsia?", "¿qué es el infarto?"
    "que ..1 es ..1 un|una|la|el|lo",
    "la_gente|las_personas|los_ninos|los_bebes",
    "cuanto ..1 tiempo|dura",
    "a ..1 partir ..1 de",
    "es ..1 cierto|verdad",
    "cuantos ..1 grados",
    "como ..1 le|se ..1 tomo|toma|mide|mido",
    "que ..2 aspecto",
    "como ..1 se ..1 ve",
];

pub const EDUCATION: &[&str] = &[
    "curiosidad",
    "solo|nomas|nada_mas ..1 pregunto|preguntaba|quiero_saber|queria_saber",
    "diferencia ..2 entre",
    "en ..1 la|una|el ..1 novela|telenovela|pelicula|serie",
    "en ..1 un|el|este ..1 capitulo|episodio",
    "para ..3 clase|tarea|escuela|presentacion|curso|capacitacion|proyecto",
    "lei|vi ..3 internet|articulo|video|tiktok|facebook|noticias",
    "escuche|oi|lei ..1 que",
    "solo ..1 pregunto|pregunta",
    "pregunta general",
    "folleto|articulo|hoja_informativa|instructivo",
    "solo ..2 pregunta|curiosidad",
    "estar ..1 preparado|preparada|preparados",
    "por si acaso",
];

/// "anoche", "ayer", "hace dos horas": hours ago.
pub const RECENT_PAST: &[&str] = &[
    "anoche|ayer",
    "esta ..1 manana|tarde|madrugada",
    // "hoy en la mañana": this morning.
    "hoy ..3 manana|tarde|madrugada",
    "hace ..2 horas|hora|rato",
];

/// "pregunto por mí", "en realidad soy yo": the question is the writer's.
pub const DISCLOSED: &[&str] = &[
    "pregunto|preguntando ..1 por ..1 mi",
    "en ..1 realidad ..1 soy ..1 yo",
];

pub const PRESENT: &[&str] = &[
    "ahora|ahorita",
    "ahora mismo",
    "en este momento",
    "hoy",
    "esta ..1 manana|tarde|noche",
    "hace ..1 rato|un_rato|poco",
    "todavia|sigue|sigo|siguen",
    "no ..1 se ..1 que ..1 hacer",
    // A plea, not a question in general: "dice que lo va a matar. ¿Qué
    // hago?" (a "si" after it is still a conditional).
    "que ..1 hago|hacemos",
    "empezo|empece|comenzo|empezaron",
    "hace ..2 minutos|horas|hora",
    "cada vez peor",
    // Ongoing since a recent time: "desde ayer en la tarde no lo siento".
    "desde ..1 ayer|anoche|antier|anteayer|hace|esta_manana|esta_tarde",
    "empeorando|empeora",
    // The act asked about is done: "¿puedo tomarme 20? ya lo hice".
    "ya ..1 lo|las|los ..1 hice|tome",
];

pub const PRESENT_IN_CLAUSE: &[&str] =
    &["esta|estan|sigue|siguen|ahora|ahorita|no_puede|no_responde|no_despierta|se_ve|parece"];

pub const RECENT: &[&str] = &[
    "hoy|ahorita|ahora|acabo|todavia|sigue|sigo|nuevamente",
    "otra vez",
    "hace ..1 rato|un_rato|poco",
    "esta ..1 manana|tarde|noche",
    "# ..1 veces|vez|minutos|horas|hora",
];

/// Visits already made: a mention in the same clause is past ("fuimos a
/// urgencias anoche por el dolor de pecho").
pub const SEEN: &[&str] = &[
    "fui|fuimos|fue|fueron|estuve|estuvimos|estuvo|llevamos|lleve|llevaron|llevo ..3 urgencias|emergencia|emergencias|hospital|er|ed|sala|emergency|clinica|urgent_care",
    "me|lo|la|nos|le ..1 dieron ..1 de_alta",
    "dado|dada ..1 de_alta",
    "me|lo|la|le|nos ..1 internaron|hospitalizaron|operaron",
    "estuve|estuvo|estuvimos ..1 internada|internado|internados|hospitalizada|hospitalizado",
];

/// A "no" these make part of a complaint, not a negation of what follows
/// ("no se le quita el dolor de pecho", "no sé qué hacer").
pub const NOT_NEGATION: &[&str] = &[
    "sin ..1 sentido|parar|poder|querer|razon|control|saber|aviso|respirar|moverse",
    "no ..1 se|se_que ..1 que|si|por|cuanto*|como|donde|quien|cual|cuando|nada|exactamente",
    "no ..1 estoy|estamos ..1 seguro|segura|seguros|seguras",
    "no ..2 para|paro|paran|parado|deja|dejan|dejado|detiene|detenido|cede|cedido|quita|quitado|mejora|mejorado|mejoro|sirve|sirvio|servido|funciona|funciono|ayuda|ayudo|sube|subio|subido|baja|bajo|bajado|responde|contesta|reacciona|despierta|aguanto|aguanta",
    "no ..1 puedo|puede|pueden|podia|pudo|pude|podemos|logra|logro",
    "no ..1 se ..2 va|pasa|calma|mueve",
    "no ..2 me|le|nos ..1 hace|hizo",
    "no ..1 hay ..1 mejoria|cambio|mejora",
];

/// See `CARE_UNDER_WAY` in `cues`: "ya está en el hospital allá", "la
/// están atendiendo", "ya la llevaron con el doctor".
pub const CARE_UNDER_WAY: &[&str] = &[
    "ya ..3 hospital|urgencias|emergencias|internado|internada|hospitalizado|hospitalizada",
    "hospital|urgencias ..1 alla|alli",
    "la|lo|los|las|le|les ..1 estan ..1 atendiendo|cuidando|tratando|revisando",
    "ya ..1 la|lo|los|las ..1 llevaron|llevamos ..2 al_doctor|al_medico|con_el_doctor|con_el_medico|al_hospital|a_urgencias",
];
