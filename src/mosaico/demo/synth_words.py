"""Words for synthetic scenes: action and dialogue sentences in Spanish and English, and the
props, vehicles and animals written in CAPS where a breakdown tags them.

All of it written for mosaico. Sentences carry ``{who}`` (a character) where
they need one; element phrases carry the CAPS word a tagger picks up.
"""

from __future__ import annotations

from dataclasses import dataclass

from mosaico.screenplay.model import TimeOfDay


def _lines(text: str) -> tuple[str, ...]:
    """One entry per non-empty line: keeps long vocabularies compact and easy to edit."""
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


TIME_WORDS = {
    "es": {
        TimeOfDay.DAY: "DÍA",
        TimeOfDay.NIGHT: "NOCHE",
        TimeOfDay.DAWN: "AMANECER",
        TimeOfDay.DUSK: "ATARDECER",
    },
    "en": {
        TimeOfDay.DAY: "DAY",
        TimeOfDay.NIGHT: "NIGHT",
        TimeOfDay.DAWN: "DAWN",
        TimeOfDay.DUSK: "DUSK",
    },
}

ACTION_ES = _lines("""
{who} cruza el cuarto sin prisa y se detiene junto a la ventana.
{who} se sienta en la orilla de la cama y se frota la cara con las dos manos.
El viento levanta polvo y arrastra una bolsa de plástico por la calle vacía.
{who} escucha un motor a lo lejos y se queda quieto, atento.
Afuera ladra un perro; nadie le hace caso.
{who} sirve café en dos tazas despostilladas y deja una en la mesa.
La luz de la tarde entra de lado y pinta todo de naranja.
{who} revisa el celular, borra un mensaje y lo vuelve a escribir.
Se oye una cumbia norteña desde un radio de otra casa.
{who} abre la puerta apenas una rendija y mira hacia la calle.
Las moscas dan vueltas sobre la mesa; hace un calor pesado.
{who} dobla la ropa limpia con cuidado, una prenda a la vez.
{who} camina entre las mesas saludando a todos por su nombre.
A lo lejos suena la campana de la iglesia.
{who} se ríe por primera vez en toda la mañana.
{who} busca algo en los bolsillos y no lo encuentra.
Un silencio largo; ninguno quiere hablar primero.
{who} se limpia las botas en el escalón antes de entrar.
Pasa una patrulla despacio, sin luces, y dobla en la esquina.
{who} cuenta billetes arrugados y los guarda en un sobre.
La tele está prendida sin volumen; nadie la mira.
{who} se recarga en la pared y cierra los ojos un momento.
En el horizonte se ven nubes de tormenta que no terminan de llegar.
{who} lava los trastes con agua que apenas sale de la llave.
{who} le da una palmada en el hombro a quien tiene al lado.
Las luces del pueblo se prenden una por una.
""")

ACTION_EN = _lines("""
{who} crosses the room and stops by the window, listening.
{who} sets a cup of coffee down and rubs tired eyes.
A truck rolls past outside, its radio loud, then fades away.
{who} scrolls through a phone, frowns, and puts it face down.
Fluorescent lights hum over rows of empty desks.
{who} pins a photograph to the board and steps back to look at it.
The air conditioner rattles and gives up.
{who} leans against the doorframe, arms folded, waiting.
A map of the border region covers most of one wall.
{who} checks the time and swears under their breath.
Nobody speaks for a long moment.
{who} pulls a chair closer and sits down heavily.
Heat shimmers over the asphalt; the flag on the pole barely moves.
{who} flips through a folder of surveillance photos.
""")

DIALOGUE_ES = _lines("""
No me digas que otra vez se te olvidó.
Ya sé, ya sé, pero escúchame tantito.
Aquí todo el mundo se conoce, por eso nadie dice nada.
¿Y tú qué vas a hacer cuando se vaya?
Mi papá decía que el río no tiene dueño.
Mañana temprano nos vamos, antes de que salga el sol.
No es tu culpa, pero tampoco es la mía.
Nomás te pido que no le cuentes a mi mamá.
Esa gente no anda jugando, ¿me entiendes?
Te estuve esperando toda la tarde.
Si quieres que te ayude, tienes que decirme la verdad.
Ándale, que ya nos están esperando.
¿Cuánto te dieron por la troca?
Yo no me meto en lo que no me importa.
Hace años que no llovía así.
Déjalo, ya se le va a pasar.
¿Quién te dijo que podías entrar aquí?
Las vacas no se mueren así nomás, algo les dieron.
Vamos a hacer como que no pasó nada.
No tengas miedo, aquí estoy contigo.
Con el favor de Dios, este año sí sale la cosecha.
Ya llegaron los de afuera, los vi en la gasolinera.
¿Te acuerdas cuando íbamos a nadar al ojo de agua?
Cállate, que te van a oír.
Me dijeron que el partido se cambió para el sábado.
No hay trabajo, no hay nada, ¿qué quieres que haga?
Tu hermana llamó otra vez, dice que te extraña.
A mí nadie me manda, ni tú ni nadie.
""")

DIALOGUE_EN = _lines("""
We have a window, and it is closing fast.
I need names, not rumors.
You think they know we are here?
Run it again from the top.
Nobody signs off on this without a paper trail.
Washington wants results by the end of the month.
He is not a friend, he is an asset.
Tell them to sit tight and wait for my call.
I have been on this border for eleven years.
That is not how this works and you know it.
Get me the phone records from last Tuesday.
If this goes sideways, it is on us.
Okay. Okay. Let me think.
You should go home and get some sleep.
""")

PARENTHETICALS = {
    "es": _lines("(en voz baja)\n(sin voltear)\n(sonríe)\n(al teléfono)\n(para sí)"),
    "en": _lines("(quietly)\n(on the phone)\n(beat)\n(not looking up)"),
}


@dataclass(frozen=True, slots=True)
class ElementWord:
    """A breakdown element as it appears in action: the tagged word and the phrase around it."""

    category: str  # a Tagger default category name
    word: str  # the CAPS word a breakdown tags
    phrase: str  # how it reads in a sentence, with ``word`` inside


def _elements(category: str, text: str) -> tuple[ElementWord, ...]:
    entries = []
    for phrase in _lines(text):
        word = " ".join(token.strip(".,;") for token in phrase.split() if token.isupper())
        entries.append(ElementWord(category, word, phrase))
    return tuple(entries)


ELEMENTS = {
    "es": {
        "Props": _elements(
            "Props",
            """
            un MACHETE
            una LINTERNA
            un CELULAR viejo
            una BOLSA DE MANDADO
            un RADIO de pilas
            una BIBLIA
            unas LLAVES
            un SOMBRERO vaquero
            una HIELERA
            un BALÓN de futbol
            unas TIJERAS DE PODAR
            un TERMO
            """,
        ),
        "Vehicles": _elements(
            "Vehicles",
            "una CAMIONETA roja\nuna PATRULLA\nun TRACTOR\nuna MOTO\nun TAXI\nun CAMIÓN de redilas",
        ),
        "Animals": _elements(
            "Animals",
            "un CABALLO\nunos GALLOS de pelea\nun PERRO flaco\nunas VACAS\nunas GALLINAS",
        ),
    },
    "en": {
        "Props": _elements(
            "Props",
            "a BURNER PHONE\na LAPTOP\na FILE FOLDER\na BADGE\na pair of BINOCULARS\na THERMOS",
        ),
        "Vehicles": _elements("Vehicles", "a black SUV\na PICKUP TRUCK\na BORDER PATROL CRUISER"),
        "Animals": _elements("Animals", "a sniffer DOG"),
    },
}

ELEMENT_TEMPLATES = {
    "es": {
        "Props": ("{who} deja {item} sobre la mesa.", "{who} carga {item} sin soltarlo."),
        "Vehicles": ("Se estaciona {item} frente a la entrada.", "Pasa {item} levantando polvo."),
        "Animals": ("Cerca de ahí hay {item}.", "{who} se acerca despacio a {item}."),
    },
    "en": {
        "Props": ("{who} picks up {item}.", "On the table: {item}."),
        "Vehicles": ("{item} pulls up outside.", "{item} idles at the curb."),
        "Animals": ("{who} walks past {item}.", "Nearby, {item} waits, alert."),
    },
}

BACKGROUND = {
    "es": (
        "Alrededor, unos {n} VECINOS platican y miran.",
        "Hay unas {n} PERSONAS del pueblo reunidas.",
    ),
    "en": ("Around them, some {n} ONLOOKERS mill about.",),
}
