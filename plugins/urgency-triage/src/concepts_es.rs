//! Spanish members of the word classes (see `concepts`), and the classes
//! only Spanish needs. Accents are folded ("está" -> "esta", "niño" ->
//! "nino"), so each word is written once, without them. Mexican,
//! Caribbean, Central and South American and Spain's usage where they
//! differ ("calentura", "guagua", "bombita", "agruras").

use crate::pattern::Concept;

pub const SPANISH: &[Concept] = &[
    // --- body and symptoms -------------------------------------------------
    ("chest", "pecho, torax, pechito"),
    (
        "chest_hurt",
        "dolor, dolores, duele, duelen, dolia, doliendo, presion, opresion, apretado, \
         apretada, aprieta, aprietan, apretando, aplastando, aplasta, peso, piedra, \
         ardor, arde, quema, quemazon, punzada, punzadas, molestia, pesadez, oprimido, \
         oprimida, cerrado, cerrada",
    ),
    (
        "clutch",
        "agarrando, agarrandose, agarraba, apretandose, sujetando, sosteniendo",
    ),
    (
        "breathe",
        "respirar, respira, respiro, respiracion, respirando, respiraba, aire, aliento",
    ),
    (
        "breath_trouble",
        "no puedo, no puede, no pueden, no podia, dificultad, dificultades, dificil, \
         cuesta, cuesta trabajo, falta, batallando, batalla, trabajo para, casi no, \
         apenas, esfuerzo, ahogando, ahoga",
    ),
    (
        "breath_hard",
        "rapido, rapidisimo, muy rapido, agitado, agitada, agitadisimo, con esfuerzo, \
         esfuerzo, dificultad, raro, rara, ruido, ruidito, quejido, quejiditos, \
         silbido, silbando, cortado, cortada, entrecortado, entrecortada, \
         cansado, cansada",
    ),
    (
        "blue_part",
        "labios, labio, cara, boca, dedos, unas, piel, lengua, cachetes",
    ),
    (
        "blue",
        "morado, morada, morados, moradas, moradito, moradita, azul, azules, azulado, \
         azulada, azulados, gris, grisaceo, amoratado, amoratada, cenizo, cenizos",
    ),
    (
        "inhaler",
        "inhalador, inhaladores, bombita, bomba, nebulizador, nebulizaciones, \
         nebulizacion, nebulizar, nebulice, salbutamol, disparos",
    ),
    (
        "not_working",
        "no sirve, no funciona, no ayuda, no hace nada, no le hace nada, no me hace nada, \
         no me ayuda, no le ayuda, y nada, no mejora, sin mejoria, no hay mejoria, \
         no sirvio, no funciono, no le hizo nada, no me hizo nada, no le sirvio, \
         no me sirvio, nada ayuda, no se quita, no se le quita, no se me quita, \
         ya no le hace efecto, ya no me hace efecto, no le hace efecto, no hace efecto, \
         no le esta sirviendo, no me esta sirviendo, no esta sirviendo, no le sirve, \
         no me sirve, ya no le hace nada, ya no me hace nada, ya no sirve, no le esta ayudando, \
         no me esta ayudando, no esta ayudando, \
         poco efecto, no le dura, no me dura, \
         sin que me alivie, sin que le alivie, no me alivia, no le alivia, sin alivio",
    ),
    (
        "face",
        "cara, boca, labio, labios, sonrisa, parpado, mejilla, cachete, rostro",
    ),
    (
        "droop",
        "caida, caido, chueca, chueco, torcida, torcido, ladeada, ladeado, colgada, \
         colgado, desviada, desviado, cayo, cae, torcio, jalada, jalado, dormida, dormido",
    ),
    (
        "numb",
        "dormido, dormida, entumido, entumida, adormecido, adormecida, entumecido, \
         entumecida, debil, debilidad, hormigueo, paralizado, paralizada, sin fuerza, \
         no puedo mover, no puede mover, no lo puede mover, no la puede mover, \
         no le responde, no me responde, no siento, no siente, pesado, pesada, flojo, floja",
    ),
    (
        "one_side",
        "un lado, un solo lado, de un lado, del lado, lado izquierdo, lado derecho, \
         la mitad, mitad de, mitad del, medio cuerpo, todo el lado, ese lado, \
         el brazo y la pierna, brazo y pierna, la pierna y el brazo",
    ),
    (
        "speech_cant",
        "no puede, no puedo, le cuesta, me cuesta, dificultad para, trabajo para, \
         no le salen, no me salen, no logra, no podia",
    ),
    (
        "speak",
        "hablar, habla, hablando, decir, las palabras, palabras, expresarse, \
         entender, entiende, articular, pronunciar",
    ),
    (
        "sudden",
        "de repente, derrepente, de pronto, de golpe, de la nada, repentino, repentina, \
         repentinamente, subitamente, sin aviso, de un momento a otro, de un rato a otro",
    ),
    (
        "bleed",
        "sangre, sangrado, sangrando, sangra, sangro, sangran, sangrar, sangraba, \
         sangrada, hemorragia, sangrar",
    ),
    (
        "heavy_bleed",
        "mucha, mucho, muchisimo, muchisima, un monton, bastante, a chorros, chorro, \
         chorros, no para, no paraba, no se detiene, no deja de, no se para, sin parar, \
         no ha parado, abundante, abundantemente, empapado, empapada, empapados, empape, \
         empapo, empapando, charco, demasiado, demasiada, como agua, coagulos, \
         cada vez mas, mas y mas, horrible, un chorro",
    ),
    (
        "vomit",
        "vomito, vomita, vomitando, vomitar, vomitado, vomitos, vomite, devolvio, \
         devuelve, devolviendo, devolvi, guacareando, guacareo, basqueando",
    ),
    ("throat", "garganta, gaznate"),
    (
        "closing",
        "cierra, cerrando, cerrada, cerrado, hinchada, hinchado, inflamada, inflamado, \
         apretada, apretado",
    ),
    (
        "swell",
        "hinchado, hinchada, hinchados, hinchadas, hinchando, hinchazon, inflamado, \
         inflamada, inflamados, inflamadas, inflamando, hincho, hinchandose, inchado, \
         inchada, inchados, inchadas, inchando, gigante",
    ),
    (
        "allergen",
        "cacahuate, cacahuates, mani, nueces, nuez, almendra*, mariscos, camaron, \
         camarones, abeja, avispa, picadura, penicilina, amoxicilina, antibiotico, \
         huevo, leche, alergico, alergica, alergia",
    ),
    (
        "expose",
        "comio, comi, comido, tomo, tome, tomado, dieron, di, dimos, dio, damos, pico, picaron, \
         pusieron, empece, empezo, inyectaron, probo, probe, probamos, primera",
    ),
    (
        "administer",
        "puse, inyecte, aplique, ponerle, ponerme, echado, eche, echo, pusimos",
    ),
    (
        "child",
        "hijo, hija, nino, nina, bebe, nene, nena, chiquito, chiquita, nieto, nieta, \
         sobrino, sobrina, guagua, chamaco, chamaca, peque, ninos, hijos, chamaquito, \
         # anos, # ano, # meses, \
         hermanito, hermanita, primito, primita",
    ),
    (
        "substance",
        "pastilla*, medicina*, medicamento*, pildora*, tableta*, jarabe, capsula*, \
         droga*, calmante*, antidepresivo*, gomitas, marihuana, mota, cannabis, \
         glibenclamida, glimepirida, metformina, insulina, clonidina, amlodipino, \
         metoprolol, propranolol, warfarina, litio, paracetamol, ibuprofeno, aspirina, \
         tramadol, morfina, oxicodona, fentanilo, clonazepam, alprazolam, diazepam, \
         lorazepam",
    ),
    (
        "poison",
        "cloro, lejia, thinner, gasolina, veneno, raticida, insecticida, detergente, \
         herbicida, gramoxone, paraquat, glifosato, matayerbas, mata hierba, \
         pila, pilas, bateria, baterias, limpiador, destapacanos, amoniaco, \
         matarratas, petroleo, aguarras, quitaesmalte, acetona, anticongelante, \
         refrigerante, fertilizante, \
         destapador, desatascador, destapacanerias, sosa caustica, quitasarro, \
         liquido para destapar, liquido de destapar, limpiavidrios",
    ),
    (
        "ingest",
        "tomo, tome, tomado, comio, comi, comido, trago, tragado, bebio, ingirio, \
         metio, chupo, mordio",
    ),
    (
        "excess",
        "todas, todos, todo el frasco, el frasco, un frasco, muchas, varias, un monton, \
         un puno, un punito, \
         un punado, de mas, mas de, la caja, el bote, toda la caja, todo el bote, \
         a proposito, faltan, no se cuantas, no se cuantos, no sabemos cuantas, \
         como # pastillas",
    ),
    (
        "mild_excess",
        "doble, dos veces, por error, por equivocacion, equivocado, sin querer, \
         por accidente, de mas",
    ),
    (
        "ams",
        "no responde, no contesta, no reacciona, no despierta, no se despierta, \
         no lo puedo despertar, no la puedo despertar, no lo podemos despertar, \
         no la podemos despertar, inconsciente, desmayado, desmayada, \
         perdio el conocimiento, perdio el sentido, no abre los ojos, desvanecido, \
         desvanecida, no se mantiene despierto, no se mantiene despierta, \
         no puede mantenerse despierto, no puede mantenerse despierta, \
         no contesta cuando le hablo, no me contesta, no me responde bien, \
         no nos responde bien, no responde bien, \
         se queda dormido mientras, se queda dormida mientras, se duerme mientras, \
         no lo puedo mantener despierto, no la puedo mantener despierta, \
         no se queda despierto, no se queda despierta, se duerme a media frase, \
         se queda dormido a media frase, se queda dormida a media frase, \
         se duerme hablando, se queda dormido hablando, se queda dormida hablando",
    ),
    (
        "confused",
        "confundido, confundida, confusion, confuso, confusa, desorientado, \
         desorientada, perdido, perdida, no sabe donde, no sabe que dia, \
         pregunta que dia, pregunta en que ano, pregunta que ano, pregunta donde esta, \
         pregunta quien soy, preguntando que dia, preguntando en que ano, \
         no sabe en que, no sabe ni que dia, no sabe ni donde, no sabe ni quien, \
         no sabe ni en que, no sabe quien soy, no sabe quien es, no sabe como se llama, \
         no sabe ni como se llama, se le olvida todo, no reconoce a nadie, no reconoce, no me reconoce, no nos reconoce, no conoce, \
         incoherente, incoherencias, delirando, delira, atontado, atontada, \
         adormilado, adormilada, somnoliento, somnolienta, sin sentido, \
         no esta en si, muy dormido, muy dormida, bien dormido, bien dormida, \
         habla raro, no habla normal, no habla bien, dice cosas raras, \
         habla cosas raras, habla puras cosas, habla incoherencias, \
         no esta making sense, no hace sentido, no tiene sentido lo que dice, \
         alucinando, alucina, ve cosas, viendo cosas, mirada perdida, como ido, como ida, \
         adormilado, adormilada, muy adormilado, muy adormilada, \
         raro, rara, como borracho, como borracha, como si estuviera borracho, \
         como si estuviera borracha, como si estuviera tomado, como si estuviera tomada, \
         actuando raro, actuando rara, actuando extrano, comportandose raro, \
         portandose raro, actuando diferente, actuando weird, acting raro, \
         decaido, decaida, muy decaido, muy decaida, \
         se vuelve a ir, se le va la mente, pregunta lo mismo, pregunta la misma cosa, \
         repite la misma pregunta, no sigue instrucciones, hablando sin sentido, \
         cosas sin sentido",
    ),
    (
        "fever",
        "fiebre, calentura, temperatura, febril, caliente, hirviendo, ardiendo, \
         calenturienta, calenturiento",
    ),
    (
        "fever_said",
        "fiebre, calentura, febril, caliente, calenturienta, calenturiento, hirviendo, ardiendo",
    ),
    (
        "temp_word",
        "temperatura, fiebre, calentura, termometro, marca, marco, salio",
    ),
    ("glucose", "azucar, azucares, glucosa, glucometro"),
    (
        "head_injury",
        "se pego en la cabeza, se pego la cabeza, se golpeo la cabeza, \
         se golpeo en la cabeza, se dio en la cabeza, golpe en la cabeza, \
         se dio un golpe en la cabeza, me pegue en la cabeza, me golpee la cabeza, \
         se cayo de cabeza, trauma en la cabeza, se pego con, se golpeo con, \
         pego la cabeza, golpeo la cabeza",
    ),
    (
        "thinner",
        "anticoagulante, anticoagulantes, warfarina, sintrom, heparina, enoxaparina, \
         adelgazar la sangre, para la sangre",
    ),
    (
        "pregnant",
        "embarazada, embarazo, encinta, gestacion, posparto, postparto, puerperio, \
         di a luz, dio a luz, cesarea, parto, cuarentena, tuve a mi bebe, tuve al bebe, \
         tuve el bebe, tuvo al bebe, tuvo el bebe, tuvo a su bebe, tuvo a la bebe, \
         mi ginecologo, mi ginecologa, mi partera",
    ),
    ("weeks", "semanas, semana, sem"),
    ("months", "mes, meses"),
    ("days", "dia, dias"),
    (
        "severe",
        "fuerte, muy fuerte, horrible, terrible, insoportable, intenso, intensa, \
         espantoso, feo, bien feo, el peor, la peor, muchisimo, grave, severo, severa, \
         horrible, fuertisimo, fuertisima, fortisimo, bien fuerte, demasiado fuerte",
    ),
    (
        "third_party",
        "amigo, amiga, amigos, companero, companera, vecino, vecina, alguien, \
         una persona, la gente, conocido, conocida, colega, cunado, cunada, las personas, \
         compadre, comadre, amigos, amigas, vecinos, jefe, jefa, patron, patrona, \
         maestro, maestra, companeros, companeras, otra persona, otras personas, \
         un senor, una senora, un muchacho, una muchacha, tio, tia, primo, prima, \
         suegro, suegra, concuno, concuna",
    ),
    (
        "analyte",
        "potasio, sodio, glucosa, hemoglobina, plaquetas, calcio, troponina, lactato",
    ),
    // --- added for issue 10 ------------------------------------------------
    (
        "cardiac_assoc",
        "sudando, sudor, sudor frio, sudoroso, sudorosa, empapado en sudor, sudo, \
         brazo izquierdo, brazo, quijada, mandibula, falta el aire",
    ),
    (
        "heartburn",
        "agruras, acidez, gastritis, reflujo, ardor, boca del estomago, sal de uvas, \
         alka seltzer, omeprazol, antiacido*, pepto",
    ),
    (
        "repeated",
        "una y otra vez, cada rato, a cada rato, cada hora, cada # minutos, # veces, \
         como # veces, varias veces, muchas veces, toda la noche, todo el dia, seguido, \
         # disparos, # nebulizaciones",
    ),
    ("floor", "piso, suelo, el piso, el suelo"),
    (
        "time_unknown",
        "que dia es, que dia, la fecha, que ano, en que ano, donde esta, donde estaba, \
         quien soy, quienes somos, su nombre, cuanto tiempo",
    ),
    (
        "immunosuppressed",
        "quimio, quimioterapia, trasplante, trasplantaron, trasplantado, trasplantada, dialisis, \
         defensas bajas, tratamiento de cancer, \
         radiacion, esteroides, prednisona",
    ),
    (
        "no_urine",
        "no ha orinado, no orina, no ha hecho pipi, no hace pipi, no ha hecho pis, \
         no he orinado, no he hecho pipi, no orino, casi no orina, poca orina, \
         no ha mojado el panal, no ha mojado los panales, panales secos, panal seco, \
         no moja el panal, no moja los panales, no ha mojado el diaper, sin orinar, \
         no ha hecho del uno",
    ),
    (
        "dressing",
        "vendaje, venda, vendas, gasa, gasas, aposito, curita, toalla, toallas, herida, \
         puntos, grapas, la operacion, la cirugia",
    ),
    (
        "soaked",
        "empapado, empapada, empapados, empapadas, lleno de sangre, llena de sangre, \
         llenas de sangre, traspaso, traspasado, escurriendo, empapo, empapando, empapaba, \
         empapa, se empapo, se empapa",
    ),
    (
        "weapon",
        "pistola, arma, armas, cuchillo, cuchillos, navaja, machete, escopeta, rifle, \
         fusca, cuete",
    ),
    (
        "kill_verb",
        "matar, matarlo, matarla, matarlos, matarnos, apunalar, apunalarlo, \
         disparar, dispararle, quemar, lastimar, lastimarlo, lastimarla, golpear, \
         ahorcar, ahorcarlo",
    ),
    (
        "risky_dose",
        "insulina, corazon, presion, warfarina, sintrom, anticoagulante, \
         anticoagulantes, para dormir, clonazepam, litio, digoxina",
    ),
    (
        "self_verb",
        "matar, suicidar, ahorcar, colgar, envenenar, quitar la vida, \
         cortar las venas, pegar un tiro, dar un tiro, disparar, tirar del, \
         aventar del, aventar al, tirar al",
    ),
    (
        "refill",
        "resurtir, surtir, receta, recetas, renovar, rellenar, reponer, se me acabo, \
         se me acabaron, se acabo, se acabaron, me quede sin, necesito mas, otra caja, \
         mas de las, refil",
    ),
];
