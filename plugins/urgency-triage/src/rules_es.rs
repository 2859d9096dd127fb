//! The red-flag rules in Spanish (and mixed Spanish-English): the same
//! codes and clinical concepts as `rules`, in the ways Spanish says them.
//! Word classes are shared (`@chest` is "chest" and "pecho"), so many
//! English rules already read Spanish; these are the phrasings whose
//! grammar differs ("me falta el aire", "se le torció la boca", "no para
//! de sangrar"). Accents are folded: write "sangro", not "sangró".

use crate::rule_def::{RuleDef, benign, medicine_use, n, rule, t, with_context};
use crate::rules::{FEVER_SAID, INFANT, LAB_REDRAWN, OLDER_CHILD, ONSET, POSTPARTUM, PREGNANCY};
use crate::vitals;

pub const RULES_ES: &[RuleDef] = &[
    benign(
        rule(
            "chest_pain",
            &[
                t("infarto|ataque_al_corazon|ataque_cardiaco|preinfarto"),
                t("me|le ..1 duele|duelen|aprieta|arde ..2 el_corazon|corazon"),
                t("me|le ..1 duele|duelen|dolia|aprieta|aprietan|quema|arde ..3 @chest"),
                t("siento|siente|sentia|tengo|tiene ..3 @chest ..2 apretado|apretada|cerrado|oprimido|pesado|raro"),
                t("como ..3 piedra|peso|elefante|prensa|tenaza|tenazas|torniquete|fierro|ladrillo|clavo|losa|costal|bulto|punal ..5 @chest|encima"),
                t("@chest ..3 como ..3 piedra|peso|elefante|prensa|tenaza|tenazas|torniquete|plancha"),
                t("peso ..1 encima"),
                t("aplastando|aprietan|apretaran|aplastaran|apretando|estrujando|exprimiendo|aplastan|aplasta|oprime|oprimen|oprimiendo|estruja|estrujan ..3 @chest|corazon"),
                t("corazon ..4 aprietan|aprieta|apretando|estrujan|exprimen|aplastan"),
                t("el|la ..1 peor ..2 dolor ..2 de ..1 pecho"),
                t("@clutch ..3 @chest"),
            ],
        ),
        &[t("gripa|gripe|tos|flemas|golpe|gimnasio|ejercicio|musculo|costilla")],
    ),
    with_context(
        "chest_pain",
        &[t("@chest"), t("@heartburn"), t("@chest_hurt")],
        &[
            t("me|le ..1 duele ..2 brazo_izquierdo|quijada|mandibula"),
            // The arm or jaw that goes numb or loses its strength.
            t("se ..1 me|le ..1 duerme|durmio|entume|entumio|entumece|adormece|va_la_fuerza|iba_la_fuerza ..3 brazo|mandibula|quijada"),
            t("baja|bajaba|corre|recorre|pasa|sube|subia|va|iba|corria|jala ..3 al|por|hasta|a|para ..2 brazo|quijada|mandibula|espalda|cuello|hombro"),
        ],
    ),
    with_context(
        "chest_pain",
        &[t("nitro*|nitroglicerina|pastillitas_de_nitro")],
        &[
            t("sigue|todavia|aun|no_se_quita|no_se_me_quita|no_se_va ..4 @chest_hurt|pecho|presion|dolor"),
            t("@chest_hurt|presion|dolor ..4 sigue|todavia|no_se_quita|no_se_va|igual"),
        ],
    ),
    benign(
        rule(
            "breathing",
            &[
                t("me|le|nos ..1 falta ..2 aire|respiracion|aliento"),
                // "sigo sin aire" (not "me quedé sin aire de la risa").
                t("sigo|sigue|estoy|esta ..1 sin ..1 aire"),
                t("no ..1 me|le ..1 entra|pasa|llega|alcanza ..2 aire"),
                // "se le va el aire": the breath leaves him.
                t("se ..1 le|me ..1 va|iba|fue ..1 el ..1 aire"),
                t("siento|siente|sentia ..2 que ..1 me|se ..1 asfixio|asfixia|ahogo|ahoga|muero"),
                t("no ..1 puedo|puede|podia ..1 respirar|jalar_aire|agarrar_aire"),
                t("me|se ..1 ahogo|ahoga|ahogando|asfixia|asfixio|asfixiando"),
                t("no ..2 respira"),
                t("dejo|deja|dejaba ..1 de ..1 respirar"),
                t("se ..1 le|me ..1 cierra|cerro ..2 el_pecho"),
                t("se|le ..1 hunden|hundian|meten|mete|hunde|sume|sumen|sumia ..5 costillas|pecho|piel|cuello|pancita|panza|panzita|barriga|barriguita|estomago|estomaguito"),
                t("costillas ..3 hunden|hundidas|marcan"),
                t("se ..1 le ..1 ven|marcan|notan ..2 costillas|costillitas"),
                t("abren|abre|aletean|aleteo ..3 naricitas|nariz|fosas"),
                t("aleteo ..1 nasal"),
                t("ataque ..1 de ..1 asma"),
                t("crisis ..1 asmatica|de_asma"),
                t("se ..1 puso|pone|esta_poniendo|ve|veia ..2 @blue"),
                t("@blue ..2 de ..1 los|la|las|su|sus ..1 @blue_part"),
                t("no ..2 puede ..1 terminar|completar ..2 frase|frases|oracion"),
                t("silbando|silbido|silba ..6 @not_working"),
            ],
        ),
        &[
            t("nariz_tapada|congestion|mocos|gripe|gripa"),
            // "me estoy ahogando en papeles": drowning in work, an idiom.
            t("ahogando|ahogo|ahoga|ahogada|ahogado ..1 en ..3 tarea*|papel*|trabajo|deuda*|pendiente*|cuenta*|problema*|tramite*|papeleo|chamba|examen*|correo*"),
            // Snoring and pauses in sleep, for a sleep study ("ronca y a
            // veces deja de respirar cuando duerme"), as in English.
            t("ronca|roncar|ronquido|ronquidos|apnea|estudio_del_sueno|estudio_de_sueno|cpap"),
        ],
    ),
    with_context(
        "breathing",
        &[
            t("@inhaler ..8 @repeated"),
            t("@repeated ..8 @inhaler"),
            t("@inhaler ..6 # ..1 veces|disparos|nebulizaciones"),
            t("# ..1 nebulizaciones|disparos"),
        ],
        &[
            t("@not_working"),
            t("sigue|sigo|siguen|todavia|aun ..4 con|silbando|apretado|apretada|cerrado|cerrada|ahogando|sin_poder|igual|mal"),
            t("no ..1 puedo|puede ..1 respirar"),
            t("y nada"),
            t("sin ..1 mejoria|alivio"),
            t("@breath_trouble ..2 @breathe"),
        ],
    ),
    benign(
        rule(
            "stroke",
            &[
                t("ataque ..1 cerebral|al_cerebro|cerebrovascular"),
                t("derrame ..1 cerebral"),
                t("embolia|ictus"),
                t("el|la ..1 peor ..2 dolor ..2 de ..1 cabeza"),
                t("infarto ..1 cerebral"),
                t("se ..1 le|me ..1 cayo|torcio|durmio|adormecio|entumio|entumecio|paralizo ..3 @face|@one_side|brazo|pierna|mano|lado|mitad"),
                t("@face ..3 chueca|chueco|torcida|torcido|caida|caido|ladeada|ladeado|de_lado|colgada|jalada|dormida"),
                t("habla ..2 como_borracho|como_borracha|arrastrado|arrastrando|enredado|trabado|raro|mocho"),
                t("arrastra|arrastrando ..2 palabras|las_palabras|la_lengua"),
                t("se ..1 le|me ..1 traba ..1 la ..1 lengua"),
                t("no ..1 le|me ..1 salen ..2 palabras"),
                t("no ..1 encuentra|encuentro|encontraba|encuentras ..2 palabras|las_palabras"),
                t("palabras ..3 revueltas|raras|al_reves|enredadas|trabadas|sin_sentido"),
                t("no ..1 le ..1 entiendo|entendemos|entienden ..3 dice|habla|nada"),
                t("ve|veo|viendo ..1 doble|dos_de_todo"),
                t("dos ..1 de ..1 todo"),
                t("no ..1 ve|veo|veia ..3 ojo|lado"),
                t("como ..1 una ..1 cortina"),
                t("cortina|sombra|telon ..4 ojo|ver|vista"),
                t("deje|dejo|dejaste ..1 de ..1 ver ..3 ojo|lado|nada"),
                t("no ..1 puede|puedo ..2 levantar|mover ..2 brazo|pierna|mano"),
            ],
        ),
        &[t("dentista|anestesia|muela|durmiendo|dormido_de_estar")],
    ),
    with_context(
        "stroke",
        ONSET,
        &[
            t("mareo|mareado|mareada|se_marea|sin_equilibrio|perdio_el_equilibrio|pierde_el_equilibrio"),
            t("no ..1 puede|puedo ..2 caminar|pararse|estar_de_pie|caminar_derecho"),
            t("se ..1 va ..2 de_lado|para_un_lado|para_el_lado|hacia_un_lado"),
            t("se ..1 le|me ..1 cae|caen ..2 cosas|todo|la_cuchara|el_vaso"),
            t("no ..1 puede|puedo ..2 agarrar|sostener ..3 cuchara|tenedor|vaso|taza|nada|cosas"),
            t("brazo|mano|pierna ..3 no_responde|no_le_responde|no_me_responde|debil|pesado|pesada|dormido|dormida"),
            t("ve|veo ..2 borroso|nublado|raro"),
            t("dolor ..2 de ..1 cabeza ..3 @severe"),
            t("mira ..2 raro|extrano|perdido"),
        ],
    ),
    benign(
        rule(
            "severe_bleeding",
            &[
                t("@bleed ..4 @heavy_bleed"),
                t("@heavy_bleed ..3 @bleed"),
                t("no ..1 para|paraba|deja|dejaba|se_detiene|se_para ..2 de ..1 sangrar"),
                t("sale|salia|sale_mucha|brota ..2 sangre ..3 mucha|chorro|chorros|como_agua|sin_parar|no_para|a_chorros"),
                t("@vomit ..3 sangre"),
                t("desangr*"),
                t("no ..1 se ..1 le|me ..1 para|detiene|quita|corta ..2 la ..1 sangre"),
                // "le salió sangre de la nariz hace una hora y no se le para
                // con nada, ya llenó una toalla".
                t("sangre|sangrado ..10 no ..1 se ..1 le|me|lo ..1 para|detiene|quita|corta|paro"),
                t("sangre|sangrado ..12 lleno|empapo|empapado ..3 toalla|toallas|trapo|trapos|sabana"),
                t("no ..1 deja ..1 de ..1 salir|brotar|correr ..2 sangre"),
                t("sangra ..1 y ..1 sangra"),
                t("perdiendo ..2 mucha|bastante|demasiada ..1 sangre"),
                t("charco ..2 sangre"),
                t("sangre ..2 por|de ..2 la ..1 boca"),
                t("escupe|escupiendo|tose|tosiendo ..3 sangre"),
                t("popo|heces|excremento|caca ..3 negra|negras|como_chapopote|con_sangre"),
                // "haciendo del baño negro como chapopote".
                t("negro|negra|negras|negros ..1 como ..1 chapopote|alquitran|brea"),
                t("@dressing ..4 @soaked"),
                t("@soaked ..4 @dressing|sangre"),
                t("apunalaron|apunalado|apunalada|balazo|baleado|baleada|navajazo|machetazo|le_dispararon"),
            ],
        ),
        &[
            t("encias|cepill*|hilo_dental|poquito|gotita|rasguno|regla|menstruacion|muela|diente|dientes|dentista|labio"),
            // "me estoy desangrando con lo que cobra la farmacia": money.
            t("desangr* ..4 cobra|cobran|cobraron|precio|precios|cuenta|cuentas|pagar|pago|dinero|renta|deducible|copago|factura|seguro"),
            t("cobra|cobran|cobraron|precio|precios|cuenta|cuentas|pagar|pago|dinero|renta|deducible|copago|factura|facturas|deuda|deudas ..5 desangr*"),
        ],
    ),
    // Bleeding named in one clause, its amount or its persistence in the
    // next: "le sangra la nariz desde hace 45 minutos, no para aunque le
    // apretamos ... ya llenó una toalla".
    with_context(
        "severe_bleeding",
        &[t("sangra|sangrando|sangraba|sangre|sangrado|hemorragia")],
        &[
            t("lleno|empapo|empapado ..3 toalla|toallas|trapo|trapos|sabana|toallitas"),
            t("no ..1 para|paraba|se_para|se_detiene ..1 aunque|con_nada|ni_con"),
        ],
    ),
    with_context(
        "head_injury",
        &[
            t("@head_injury"),
            t("cayo|cai|resbalo|tropezo ..6 cabeza"),
            // A fall from a height a baby is put on: "se cayó del cambiador".
            t("cayo|cayó|cai|resbalo ..3 cambiador|cama|sillon|sofa|silla|escaleras|mesa|carriola|brazos|cuna"),
        ],
        &[
            t("@thinner"),
            t("@vomit"),
            t("@confused"),
            t("@ams"),
            t("no ..1 se ..1 acuerda|recuerda"),
            t("dormido|dormida|somnoliento|somnolienta"),
            t("dolor ..2 de ..1 cabeza ..2 @severe"),
        ],
    ),
    benign(
        rule(
            "anaphylaxis",
            &[
                t("anafila*|choque_anafilactico|reaccion_alergica_grave"),
                t("se ..1 me|le ..1 cierra|esta_cerrando|cerro ..2 garganta"),
                t("garganta ..3 cerrando|cerrada|hinchada|apretada"),
                t("lengua|labios|labio|cara|ojos|parpados ..3 @swell"),
                t("@swell ..3 lengua|labios|labio|cara|ojos|parpados"),
                t("reaccion ..1 alergica"),
            ],
        ),
        &[t("leve|poquito|piquete_de_mosco|mosquito|golpe|muela|dentista|ojos_llorosos|temporada")],
    ),
    // A swelling tongue is the airway closing, however little ("se me
    // hinchó la lengua un poquito"): read as breathing, whose look-alikes
    // a little swelling is not.
    benign(
        rule("breathing", &[t("lengua ..3 @swell"), t("@swell ..3 lengua")]),
        &[t("golpe|muela|dentista|mordi|mordio|anestesia|piercing|arete")],
    ),
    with_context(
        "anaphylaxis",
        &[
            t("@expose ..5 @allergen"),
            t("primera|nueva ..2 pastilla|dosis|medicina|inyeccion|vacuna"),
            t("empece|empezo|tome|tomo ..3 nueva|nuevo|primera|antibiotico|penicilina"),
            t("pico|picaron|picadura"),
            t("alergico|alergica|alergia"),
        ],
        &[
            t("ronchas|urticaria|habones ..3 todo|todas|por_todos_lados|todo_el_cuerpo"),
            t("todo ..2 cuerpo ..2 ronchas"),
            t("@swell"),
            t("@breath_trouble ..2 @breathe"),
            t("me|le ..1 cuesta ..2 tragar|hablar|respirar"),
            t("@vomit"),
            t("tosiendo|tose|tos ..2 mucho|bastante"),
            t("ronco|ronca|ronquito|ronquita|voz_ronca"),
            // Spreading up to the face, an itchy throat: "ronchas que se le
            // están subiendo por el cuello", "le pica la garganta".
            t("ronchas|ronchitas|urticaria|habones ..4 extendiendo|regando|subiendo|creciendo|cuello|cara"),
            t("pica|picazon|comezon|raspa ..3 garganta"),
            t("garganta ..3 pica|rara|raspa|cerrando"),
        ],
    ),
    medicine_use(
        "anaphylaxis",
        &[t("@administer ..3 epipen|epi|adrenalina")],
    ),
    benign(
        rule(
            "overdose",
            &[
                t("sobredosis|intoxicacion|intoxicado|intoxicada|envenenado|envenenada|envenenamiento"),
                t("se ..1 tomo|trago|comio|bebio ..3 @poison"),
                t("se ..1 tomo|trago|comio ..4 todas|todo_el|el_frasco|un_monton|varias|muchas|un_puno ..3 @substance"),
                t("se ..1 las|los ..1 tomo|trago|comio ..2 todas|todos"),
                t("se ..1 tomo|trago|comio ..2 como|unas ..1 # ..2 @substance"),
                n("se ..1 tomo|trago|comio|me_tome ..3 # ..3 @substance", vitals::many_pills),
                t("centro ..1 de ..1 toxicologia|envenenamiento"),
                t("monoxido"),
                t("se ..1 trago ..3 pila|bateria|iman|imanes|moneda"),
            ],
        ),
        // A dose taken ("se tomó 20 unidades"), not a tablet's strength.
        &[t("tomo|trago|tome|tomaron|tomado ..2 # ..1 mg|ml|unidades")],
    ),
    with_context(
        "overdose",
        &[t("@child")],
        &[
            t("se ..1 tomo|trago|comio|bebio|metio ..6 @substance|@poison|pastillas|frasco|botella"),
            t("con ..2 frasco|bote|botella ..4 abierto|abierta|vacio|vacia"),
            t("faltan ..3 @substance|pastillas|varias|algunas"),
            t("no ..1 se ..1 cuantas|cuantos"),
            t("le ..1 di|dimos|dio|dieron ..6 @mild_excess|de_adulto|equivocad*|doble"),
        ],
    ),
    with_context(
        "overdose",
        &[t("@substance|xanax|fentanyl|fentanilo|heroina|oxi*|pastillas|alcohol")],
        &[
            t("respira|respirando ..3 despacio|lento|lentito|raro|poco"),
            t("@ams"),
            t("labios ..2 @blue"),
        ],
    ),
    benign(
        rule(
            "self_harm",
            &[
                t("suicid*"),
                t("matarme|suicidarme|ahorcarme|colgarme|envenenarme|aventarme|tirarme|dispararme|cortarme_las_venas"),
                t("quitarme|quitarse|quitarle ..1 la ..1 vida"),
                t("me ..1 quito|voy_a_quitar|voy_a_matar ..2 la ..1 vida"),
                t("quiero|quiere|voy_a|va_a|pienso ..1 quitar|quitarme|quitarse ..2 la ..1 vida"),
                t("no ..1 tiene|le_veo|le_encuentro ..1 sentido ..3 vivir|viviendo|seguir|la_vida"),
                t("ya ..1 decidi|decidio ..2 como|cuando|hacerlo"),
                // Not waking, said as the aim; doses counted to die.
                t("para ..1 no ..1 despertar|despertarme|despertarse|volver_a_despertar"),
                // "sería más fácil no despertar", and the means looked at:
                // "estuve mirando la soga en el garaje".
                t("mas ..1 facil ..2 no ..1 despertar|despertarme|amanecer|estar|existir|vivir"),
                t("mirando|viendo|pensando_en|buscando|compre|tengo_lista ..3 la|una ..1 soga|cuerda|reata"),
                t("cuantas|cuantos ..2 pastillas|pildoras|tabletas ..5 morir|matar|matarse|matarme|no_despertar"),
                t("mi ..1 despedida"),
                t("me ..1 despido ..2 de ..1 todos|ustedes"),
                t("acabar|terminar ..2 con ..2 todo|mi_vida|su_vida|esto"),
                t("me|se ..1 quiero|quiere|queria ..1 morir"),
                t("quiero|quiere|queria|quisiera ..1 morirme|morirse|desaparecer|dejar_de_existir"),
                t("ganas ..1 de ..2 morir|morirme|matarme|desaparecer|no_despertar"),
                // "ya no tengo ganas de vivir": no wish to live.
                t("no ..1 tengo|tiene|siento|siente ..1 ganas ..1 de ..1 vivir|seguir|seguir_viviendo|seguir_aqui|despertar"),
                t("no ..2 quiero|quiere ..1 vivir|seguir_viviendo|despertar|amanecer|despertarme|estar_aqui|existir|seguir_aqui|seguir_en_este_mundo|seguir_con_vida|seguir_asi"),
                t("tomar|tomarme ..1 todo|todas ..2 lo_que|las_que ..1 tengo|hay"),
                t("mejor|felices|tranquilos ..4 si ..2 yo ..1 no ..1 estuviera|existiera"),
                t("mejor|felices|tranquilos ..4 si ..2 me ..1 muriera|muero|fuera|desapareciera"),
                t("no ..1 vale ..2 la ..1 pena ..1 vivir"),
                t("mejor ..2 muerto|muerta|sin_mi"),
                t("estarian|estarias ..1 mejor ..1 sin ..1 mi"),
                t("hacerme|hacerse ..1 dano"),
                t("lastimarme|lastimarse|cortarme|cortarse"),
                t("me ..1 corte|cortaba|corto|lastime|queme ..4 brazos|brazo|munecas|muneca|piernas|venas|otra_vez|a_proposito|de_nuevo|profundo|mas"),
                t("me ..1 hice|hago ..1 cortes|dano"),
                t("aventarme|tirarme|aventarse|tirarse ..3 puente|edificio|techo|carro|tren|metro|azotea"),
                t("carta ..2 despedida|de_adios"),
                t("despedirme ..3 de ..1 todos|ustedes|mi_familia"),
                t("soga|cuerda|pastillas|pistola ..4 para ..2 matarme|hacerlo|acabar|morir"),
                t("ya ..1 no ..1 aguanto ..2 mas ..6 vida|vivir|morir|pastillas|matarme|desaparecer|listas|noche"),
                t("pastillas|soga|pistola|cuerda|navaja ..2 listas|listos|lista|listo"),
                t("tengo|tiene ..1 todo ..1 listo|preparado ..6 morir|matarme|noche|despedirme|acabar"),
                // The pronoun before the verb that wants ("me quiero
                // matar", "se intentó ahorcar"): the person of the verb
                // says it is oneself ("me quiere matar" is someone else).
                t("me ..1 quiero|queria|quisiera|voy_a|iba_a|pienso|intente|trate_de|quise|dan_ganas_de|dieron_ganas_de ..1 @self_verb"),
                t("se ..1 quiere|queria|quisiera|va_a|iba_a|piensa|intento|trato_de|quiso ..1 @self_verb"),
                t("matarse|suicidarse|ahorcarse|colgarse|envenenarse|dispararse|quitarse_la_vida|cortarse_las_venas"),
                t("intento|intentos|intentaron|intentado ..1 de ..1 suicidio"),
                t("pienso|piensa|pensando|pense|penso|he_pensado|ha_pensado ..2 en ..1 morir|morirme|morirse|matarme|matarse|suicidarme|suicidarse|quitarme|hacerme_dano|la_muerte|desaparecer"),
                t("ideas|pensamientos|ideacion ..1 de ..1 muerte|morir|morirme|matarme|hacerme_dano|quitarme"),
                // Passive wishes to be dead, in the ways they are said.
                t("cansado|cansada|canse|harto|harta|harte|fastidiado|fastidiada ..2 de ..1 vivir|la_vida|estar_vivo|estar_viva|existir"),
                t("no ..1 tengo|tiene|hay|encuentro|le_encuentro|veo|le_veo ..2 razon|razones|motivo|motivos|caso|sentido ..2 para ..1 vivir|seguir"),
                t("nadie ..3 extranaria|extranara|notaria|daria_cuenta|va_a_extranar|va_a_dar_cuenta|importaria"),
                t("quiero|quisiera|queria ..1 que ..2 todo ..1 termine|se_acabe|acabe|se_termine"),
                t("pido|pidiendo|ruego|rogando ..3 dios|diosito|senor ..2 que ..1 me ..1 lleve|recoja"),
                t("ir|irme|estar|reunirme ..4 que ..1 se_murio|murio|fallecio|ya_no_esta|esta_en_el_cielo"),
                t("en ..2 el|la ..1 puente|azotea|vias|orilla ..10 saltar|aventarme|tirarme|brincar|lanzarme"),
                t("dormir|dormirme|dormirse ..3 no ..1 despertar|volver_a_despertar"),
                t("dormir|dormirme ..1 para ..1 siempre"),
                t("quiero|quisiera ..1 no ..1 existir|haber_nacido"),
                t("soy|ser|me_siento_como|siento_que_soy|seguir_siendo ..2 una ..1 carga"),
                t("mejor ..1 me ..1 muero|mato"),
                t("esta ..1 noche ..2 es|sera ..2 la ..1 ultima"),
                t("mi ..1 ultimo ..1 mensaje"),
                t("hacerme|hacerse ..1 algo"),
                t("me|se ..1 voy|va ..1 a ..1 hacer ..1 algo"),
                t("ojala ..2 no ..1 despertara|despierte|despertar|amaneciera|amanezca"),
                t("ojala ..2 me ..1 muriera|muera|muero"),
                t("ojala ..2 no ..1 hubiera ..1 nacido"),
                t("me ..2 cortando|lastimando|quemando ..3 brazos|brazo|munecas|muneca|piernas|venas|piel|a_proposito"),
                t("quitarme ..2 de ..1 en ..1 medio"),
                t("me ..1 despedi|despido|estoy_despidiendo ..2 de ..1 todos|ustedes|mi_familia|mis_hijos"),
                t("regale|regalando|regalado|regalo|regala|regalaba ..3 mis|todas_mis|todo|sus|todas_sus|su|tus ..1 cosas|pertenencias|ropa|mascotas|perro|gato|joyas"),
                t("mensaje|mensajes|nota|video|audio ..2 de ..1 despedida|adios"),
                t("saltar|aventarme|tirarme|brincar|lanzarme ..3 del|al|desde|de_un|de_una ..1 puente|edificio|azotea|balcon|techo|vias|tren|metro|ventana"),
                t("se ..1 corta|corto|cortaba|esta_cortando ..3 las ..1 munecas|venas|brazos|piernas"),
            ],
        ),
        &[
            t("prevencion|linea|riesgo|pelicula|serie|libro|clase|folleto|folletos|tarea|proyecto|investigacion|exposicion|presentacion"),
            // "no tengo pensamientos de hacerme daño": the thought denied,
            // beyond the reach of a Spanish "no".
            t("no ..1 tengo|tiene|he_tenido|ha_tenido ..1 pensamientos|ideas|intencion|intenciones|planes ..1 de ..1 hacerme|hacerse|matarme|matarse|suicidarme|suicidarse|lastimarme|lastimarse|quitarme|morirme"),
            // "me quiero morir de tanto papeleo", "me muero de hambre": dying
            // of something, an idiom.
            t("morir|muero|muriendo|morirme ..1 de ..1 tanto|tanta|tantos|tantas|hambre|sueno|risa|calor|frio|verguenza|aburrimiento|cansancio|nervios|ganas|envidia"),
        ],
    )
    .personal(),
    RuleDef {
        raw_context: true,
        personal: true,
        ..with_context(
            "self_harm",
            &[
                t("suicid*|matarme|matarse|morir|morirme|morirse|muero|vivir|quitarme|desaparecer|hacerme_dano|die|dead|dying|suicidal|despedida|despedi|ultima|carga|perdonenme|perdoname|perdon_por_todo|cartas"),
                // "ya no quiero seguir, les dejé una carta a mis hijos".
                t("ya ..1 no ..1 quiero|puedo ..1 seguir|continuar|aguantar"),
            ],
            &[
                t("tengo|tiene|compre|consegui|junte|guarde ..3 soga|cuerda|pistola|pastillas|navaja|plan"),
                t("tengo|tiene ..1 un ..1 plan"),
                t("ya ..1 se|tengo|se_como|se_cuando ..2 como|cuando|donde"),
                t("pastillas ..2 guardadas|juntadas|escondidas"),
                t("todo|everything ..1 listo|preparado|ready|set"),
                t("guardando|juntando|escondiendo ..3 pastillas"),
                t("esta ..1 noche|semana|fin ..3 voy|me_voy|lo_voy|las_voy"),
                t("escribi|escribio|deje|dejo|tengo ..2 la|una|las ..1 carta|cartas|nota"),
                t("compre|consegui|tengo|tiene ..3 veneno|raticida|cuerda|soga"),
            ],
        )
    },
    with_context(
        "self_harm",
        &[t("pastillas|medicinas|frasco")],
        &[
            t("me ..1 las|lo|los ..1 voy ..2 a ..1 tomar"),
            t("voy|pienso|quiero ..2 a ..1 tomar|tomarme ..2 todas|todo|el_frasco"),
            t("tomarme ..2 todas|todo|el_frasco"),
            // "esta noche me las tomo", "se va a tomar todas sus pastillas".
            t("noche|hoy|ahorita ..3 me|se ..1 las|los|lo ..1 tomo|trago|toma|traga"),
            t("se ..1 va ..1 a ..1 tomar ..2 todas|todo|el_frasco"),
            t("frasco|bote ..1 completo|entero"),
        ],
    )
    .personal(),
    // At the end of one's strength ("ya no aguanto más", "estoy cansada de
    // todo", "I can't keep doing this", "I'm done") with a way or a time:
    // the means kept ready, the how and when decided, a place to go.
    RuleDef {
        personal: true,
        ..with_context(
            "self_harm",
            &[
                t("ya ..1 no ..1 aguanto|puedo ..2 mas"),
                t("no ..1 puedo|aguanto ..1 mas"),
                t("cansado|cansada|harto|harta ..2 de ..1 todo|todos|pelear|luchar"),
                t("ya ..1 me ..1 canse|harte"),
                t("cant ..1 keep ..1 doing|going ..1 this|on"),
                t("im|i_am ..1 done"),
                t("tired ..2 of ..1 everything|it_all|fighting"),
            ],
            &[
                t("ya ..1 se ..1 como|cuando|donde ..3 hacer|hacerlo|hago"),
                t("lo ..1 voy ..1 a ..1 hacer ..2 cuando|esta_noche|hoy|manana"),
                t("tengo|tiene ..2 escondida|escondido|escondidas|guardada|guardado|guardadas|guardados|lista|listo|listas|juntadas ..3 pistola|pastillas|soga|cuerda|cuchillo|navaja|veneno|arma"),
                t("pistola|pastillas|soga|cuerda|cuchillo|navaja|veneno ..4 escondida|escondido|escondidas|guardada|guardado|guardadas|lista|listo|listas|juntadas"),
                t("decided|know|figured ..1 when|how|where ..3 do_it|to_do_it|going_to"),
                t("going|go|heading|headed|walking|driving ..2 to ..2 the ..1 bridge|tracks|overpass|cliff|rooftop|roof|parking_garage"),
                t("i ..1 have|got ..1 them|it ..2 here|ready|right_here|with_me"),
            ],
        )
    },
    benign(rule(
        "harm_to_others",
        &[
            t("pensamientos|ganas|ideas ..3 de ..2 hacerle|lastimar|lastimarlo|lastimarla|matar|matarlo|matarla ..2 dano|bebe|nino|nina"),
            t("pensamientos|ganas|ideas ..3 de ..1 hacerle ..1 dano"),
            t("va|van|voy|vamos|quiere|quiero|amenazo|amenaza|dice ..3 a|que ..3 @kill_verb"),
            t("me|nos|la|lo|los ..1 va|van|quiere|amenazo ..2 a ..1 matar"),
            t("va|quiere ..2 a ..1 matarme|matarnos|matarla|matarlo|matarlos"),
            t("tiene|trae|trajo|agarro|con ..3 @weapon ..6 dice|amenaza|amenazo|va|matar|grita|gritando"),
            t("me|nos|la|lo ..1 amenazo|amenaza|amenazando ..3 con ..2 @weapon"),
            // "amenaza con matar a mi mamá".
            t("amenaza|amenazo|amenazando|amenazan ..1 con ..1 matar|matarla|matarlo|matarnos|matarme|matarlos|disparar|dispararle|apunalar"),
            t("me|la|lo|nos ..1 esta ..1 golpeando|pegando|ahorcando"),
            // "dice que tiene que matar a su papá porque es el diablo".
            t("tiene|tengo|tienen ..1 que ..1 matar ..1 a"),
        ],
    ), crate::rules::IDIOM_KILLING_ME),
    benign(
        rule(
            "seizure",
            &[
                t("convulsion*|convulsionando|convulsiono|convulsiona|convulsio*"),
                t("le|me ..1 dio|da|esta_dando ..2 un ..1 ataque"),
                t("ataque ..1 epileptico|de_epilepsia"),
                t("se ..1 puso|pone ..1 tieso|tiesa|rigido|rigida"),
                t("temblaba|temblando|tiembla|sacudia|sacudiendo ..2 todo|toda|todito|todita|el_cuerpo"),
                t("ojos ..3 en ..1 blanco"),
                t("se ..1 le ..1 fueron|voltearon ..1 los_ojos"),
                t("espuma ..2 boca"),
            ],
        ),
        &[
            t("medicina*|medicamento*|pastilla*|receta|neurolog*|cita|carta|formulario|forma|formas|dmv|licencia|permiso|controlad*|clinica|estudio*|examen*|risa|nervios|tos|celos|hambre|ansiedad|panico|asma|corazon|tos"),
            // What a medicine is for: "el diazepam rectal para las convulsiones".
            t("para|contra ..2 las_convulsiones|convulsiones|los_ataques|la_epilepsia|epilepsia"),
        ],
    ),
    benign(
        rule(
            "unresponsive",
            &[
                t("@ams"),
                t("se ..1 desmayo|desvanecio|privo|desmaya|desmayaba"),
                // The writer's own faint: "me desmayé dos veces hoy".
                t("me ..1 desmaye|desvaneci|prive"),
                t("perdi|perdio ..1 el ..1 conocimiento|sentido"),
                t("lo|la ..1 encontre|encontramos|hallamos ..4 @floor|tirado|tirada"),
                t("no ..1 sabe ..2 @time_unknown"),
                t("no ..1 me|nos ..1 reconoce"),
                t("no ..1 sabe|reconoce|conoce ..1 ni ..2 su_nombre|quien|donde|que_dia|a_su|a_sus|a_mi|a_nadie"),
                t("piensa|cree|dice ..3 que ..2 es|estamos ..1 #"),
            ],
        ),
        &[t("borracho|sangre|aguja|inyeccion|vacuna")],
    ),
    with_context(
        "unresponsive",
        &[t("@confused")],
        &[
            t("@sudden"),
            t("muy|super|bien|demasiado|nuevo|nueva|hoy|ahorita"),
            t("nunca ..3 asi"),
            // Woke up like this, or was well a while ago.
            t("amanecio|amaneci|desperto|desperte ..1 rara|raro|asi|confundida|confundido|mal|perdida|perdido"),
            t("hace ..2 rato|hora|horas ..3 estaba ..1 bien|normal"),
            t("estaba ..1 bien|normal ..3 hace ..2 rato|hora|horas"),
            t("no ..1 es ..1 normal ..1 en ..1 el|ella"),
            t("@vomit"),
            t("@fever"),
            t("cayo|golpe|pego"),
            t("@glucose|diabetico|diabetica|insulina"),
            t("pastillas|tomo"),
            t("diferente|distinto|distinta|raro|rara|extrano|extrana ..2 desde ..2 ayer|anoche|hoy|esta_manana|la_manana|hace"),
            t("desde ..2 ayer|anoche|hoy|esta_manana|la_manana|hace_un_rato|hace_rato"),
            t("no ..1 tomo|ha_tomado|bebio|ha_bebido ..1 nada|alcohol"),
        ],
    ),
    with_context(
        "diabetic_emergency",
        &[
            t("@glucose ..4 baja|bajo|bajisima|bajisimo|bajando|bajita|abajo"),
            t("bajo|baja|bajon ..2 de ..1 @glucose"),
            t("me|le ..1 bajo ..2 @glucose"),
            t("hipoglucemia|hipoglicemia"),
        ],
        &[
            t("@confused"),
            t("@ams"),
            t("temblando|tiembla|temblorosa|tembloroso|sudando|sudor|sudorosa|sudoroso"),
            t("no ..1 quiere|puede ..1 comer|tragar|tomar"),
            t("no ..1 sube|subia|le_sube|me_sube"),
            t("no ..1 contesta|responde ..1 bien"),
        ],
    ),
    with_context(
        "diabetic_emergency",
        &[
            t("@glucose ..4 alta|alto|altisima|altisimo|por_las_nubes|arriba"),
            t("hiperglucemia|hiperglicemia"),
        ],
        &[
            t("@vomit"),
            t("mucha|muchisima ..1 sed"),
            t("@confused"),
            t("respira|respirando ..2 rapido|agitado|hondo"),
            t("cetonas|aliento_a_fruta|olor_a_fruta"),
        ],
    ),
    rule(
        "diabetic_emergency",
        &[
            n("@glucose ..6 #", vitals::glucose),
            t("@glucose ..4 marca|dice|sale|salio|esta|en ..2 hi|lo|high"),
            t("cetoacidosis"),
            t("cetonas ..3 altas|positivas|moderadas"),
            t("aliento|olor ..2 a ..1 fruta|frutas|manzana"),
        ],
    )
    .veto(LAB_REDRAWN),
    with_context(
        "pregnancy_bleeding",
        PREGNANCY,
        &[
            t("@bleed"),
            t("manchando|manchado|manchas_de_sangre"),
            t("coagulos"),
        ],
    )
    .past_context(),
    with_context(
        "pregnancy_emergency",
        PREGNANCY,
        &[
            t("se ..1 me|le ..1 rompio|reviento ..2 fuente|la_fuente|bolsa|la_fuente"),
            t("rompi|rompio ..1 fuente|la_fuente|la_bolsa"),
            t("sale|salio|salia|me_salio|se_me_sale ..2 agua|liquido ..2 mucha|mucho|como"),
            t("mucha|mucho ..1 agua|liquido"),
            t("no ..1 siento|siente|he_sentido|ha_sentido|sentido ..3 bebe|moverse|pataditas|patadas|movimientos|que_se_mueva"),
            t("no ..1 se ..1 ha ..1 movido"),
            t("no ..1 se ..1 mueve|mueva|ha_movido|movio|a_movido"),
            t("no ..1 se ..1 mueve ..1 como ..1 antes|siempre|normal"),
            t("casi ..1 no ..2 mueve|movido|siento"),
            t("se ..1 mueve ..1 menos"),
            t("bebe ..4 no_se_mueve|no_se_ha_movido|quieto|quietecito|dejo_de_moverse|no_patea"),
            t("contracciones|contraccion"),
            t("veo|ve|viendo ..2 lucecitas|luces|estrellitas|estrellas|manchitas|borroso|nublado"),
            t("lucecitas|estrellitas|destellos"),
            t("vision ..2 borrosa|nublada"),
            t("dolor ..2 de ..1 cabeza ..4 @severe|no_se_quita|no_se_me_quita|no_se_va"),
            t("me|le ..1 duele ..2 mucho ..2 la ..1 cabeza"),
            t("@swell ..4 cara|manos|pies_y_cara|las_manos"),
            t("cara|manos ..3 @swell"),
            t("dolor ..4 @severe ..4 estomago|panza|barriga|abajo|arriba|costado|lado"),
            t("me|le ..1 duele ..2 mucho ..3 estomago|panza|barriga|arriba|abajo|costado|vientre"),
            t("preeclampsia|eclampsia|ectopico|embarazo_ectopico"),
            t("me ..1 cai|caido|golpe|golpearon|pegaron|choque|accidente"),
            n("presion|pa|bp ..4 #", vitals::bp_pregnancy),
        ],
    )
    .past_context(),
    with_context(
        "pregnancy_bleeding",
        POSTPARTUM,
        &[
            t("@bleed ..4 @heavy_bleed"),
            t("@heavy_bleed ..3 @bleed"),
            t("lleno|llena|empapo|empape ..3 toalla|toallas|panal|panales|pantalon"),
            t("coagulos ..3 grandes|enormes|como"),
            t("sangro ..2 muchisimo|mucho"),
            t("se ..1 me|le ..1 abrio|abrieron|esta_abriendo ..2 la|las|los ..1 herida|cesarea|puntos|cicatriz|costura"),
        ],
    )
    .past_context(),
    with_context(
        "infant_fever",
        INFANT,
        &[
            t("@fever"),
            n("# ..2 @fever|grados|c|f|rectal", vitals::fever),
            n("@temp_word ..6 #", vitals::fever),
        ],
    )
    .veto(OLDER_CHILD)
    .past_context(),
    with_context(
        "sick_infant",
        INFANT,
        &[
            t("no ..1 quiere|quiso|puede ..2 comer|mamar|tomar|pecho|biberon|bottle|mamila|leche"),
            // "no ha querido comer nada en todo el día".
            t("no ..1 ha|han ..1 querido|podido ..2 comer|mamar|tomar|pecho|biberon|mamila|leche"),
            t("ni|no ..1 abre ..2 los|sus ..1 ojos|ojitos"),
            t("no ..2 despierta|se_despierta|reacciona|responde"),
            t("muy|bien|super ..1 dormido|dormida|debil|aguado|aguada|flojito|flojita"),
            t("flojito|flojita|aguadito|aguadita"),
            t("@no_urine"),
            t("mollera ..2 hundida"),
            t("ojos ..2 hundidos"),
            t("sin ..1 lagrimas"),
            t("muy ..1 amarillo|amarilla ..6 dormido|dormida|no_despierta|no_come"),
            n("# ..2 de ..1 temperatura|temp|grados", vitals::low_temp),
            t("muy|bien|super ..1 frio|fria|helado|helada|heladito|heladita"),
            t("no ..1 despierta ..2 para ..1 comer"),
            t("llanto|llora|llorando ..2 debil|debilito|muy_debil|quejido|quejidito|bajito"),
            t("no ..1 agarra|quiere_agarrar|toma|succiona ..2 el|la ..1 pecho|biberon|mamila|teta"),
            t("desguanzado|desguanzada|decaido|decaida|como_trapito|como_un_trapito|quietecito|quietecita|muy_quieto|muy_quieta|no_llora"),
            t("pujidos|quejidos|quejiditos|grunidos|pujando ..3 respirar|respira|respirando"),
            t("respira|respirando|respirar ..3 pujidos|quejidos|quejiditos|grunidos|pujando"),
            t("piel ..3 marmoleada|moteada|jaspeada|manchada|morada|gris"),
            t("vomita|vomito|devuelve|devolvio ..1 todo|toda"),
            t("no ..1 come|ha_comido|quiere_comer|toma|ha_tomado ..2 nada"),
        ],
    )
    .veto(OLDER_CHILD)
    .past_context(),
    with_context(
        "sepsis",
        FEVER_SAID,
        &[
            t("@immunosuppressed"),
            t("@confused"),
            t("escalofrios ..2 fuertes"),
            t("tiembla|temblando|temblaba ..2 de ..1 frio"),
            t("corazon ..3 late|latiendo|acelerado|rapidisimo|rapido"),
            t("presion ..2 baja"),
            n("presion|pa ..4 #", vitals::bp_low),
            t("herida ..4 roja|pus|supura|caliente|hinchada"),
            t("muy ..1 debil|debilitado|debilitada"),
            // Faint on standing: "siento que me desmayo cuando me paro".
            t("desmayo|desmayar|desmaya|desmayarme|desvanezco ..3 cuando|al ..2 paro|pararme|levanto|levantarme|para|levanta|parar"),
            t("puntitos|manchas|manchitas ..3 moradas|morados|rojas ..4 no_se_borran|no_se_quitan|regando|extendiendo"),
            t("cuello ..2 duele|rigido|tieso"),
            t("no ..1 puede ..1 bajar ..2 cabeza"),
        ],
    ),
    rule(
        "sepsis",
        &[
            t("puntitos|manchas|manchitas ..3 morad*|rojas ..6 no_se_borran|no_se_quitan|al_apretar|se_estan_regando"),
            t("septicemia|sepsis"),
        ],
    ),
    with_context(
        "dehydration",
        &[
            t("@no_urine"),
            t("no ..2 come|toma|bebe|ha_comido|ha_tomado|quiere_tomar|quiere_comer"),
            t("diarrea|@vomit"),
        ],
        &[
            t("@no_urine"),
            t("boca ..2 seca|bien_seca|muy_seca"),
            t("ojos ..2 hundidos"),
            t("mollera ..2 hundida"),
            t("sin ..1 lagrimas"),
            t("muy|super|bien ..1 debil|weak|dormido|dormida"),
            t("@confused"),
            t("mareado|mareada|se_marea"),
        ],
    ),
    with_context(
        "critical_vital",
        &[t("@confused|mareado|mareada|mareo|desmay*|palido|palida|blanco|blanca|debil|sudando|frio|fria|dizzy|weak")],
        &[
            n("presion|pa|bp|maquina|aparato ..4 #", vitals::bp_low),
            n("pulso|corazon|latidos|frecuencia|ritmo|reloj|watch|heart_rate|aparato|maquina ..6 #", vitals::pulse),
        ],
    ),
    rule(
        "critical_vital",
        &[
            n("presion|pa|maquina|aparato ..6 #", vitals::bp_crisis),
            n("pulso|latidos|frecuencia ..6 #", vitals::pulse),
        ],
    ),
    rule(
        "critical_result",
        &[
            t("valor ..1 critico|de_panico"),
            t("resultado ..1 critico"),
            n("potasio ..6 #", vitals::potassium),
            n("sodio ..6 #", vitals::sodium),
            n("hemoglobina ..6 #", vitals::hemoglobin),
            n("plaquetas ..6 #", vitals::platelets),
        ],
    )
    // Feeling fine changes no lab value ("salió en 7.1 ... dice que se
    // siente bien").
    .lasting(),
];
