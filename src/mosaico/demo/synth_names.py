"""Vocabularies for synthetic productions: people, cities, kinds of location and their sets.

Cities are real (coordinates to four decimals, IANA time zones); everything
else is invented. Names are mixed at random, so a generated person matches a
real one only by chance.
"""

from __future__ import annotations

from dataclasses import dataclass

from mosaico.screenplay.model import IntExt


@dataclass(frozen=True, slots=True)
class CityFact:
    """A real city a synthetic production can shoot in."""

    name: str
    region: str
    country: str  # ISO 3166 alpha-2
    latitude: float
    longitude: float
    timezone: str


# Bases first: the first city of a production is one of these.
BASE_CITIES = (
    CityFact("Durango", "Durango", "MX", 24.0277, -104.6532, "America/Monterrey"),
    CityFact(
        "Ciudad de México", "Ciudad de México", "MX", 19.4326, -99.1332, "America/Mexico_City"
    ),
    CityFact("Monterrey", "Nuevo León", "MX", 25.6866, -100.3161, "America/Monterrey"),
    CityFact("Guadalajara", "Jalisco", "MX", 20.6597, -103.3496, "America/Mexico_City"),
)
TOWNS = (
    CityFact("Canatlán", "Durango", "MX", 24.5233, -104.7744, "America/Monterrey"),
    CityFact("Nombre de Dios", "Durango", "MX", 23.8494, -104.2464, "America/Monterrey"),
    CityFact("Gómez Palacio", "Durango", "MX", 25.5647, -103.4966, "America/Monterrey"),
    CityFact("Torreón", "Coahuila", "MX", 25.5428, -103.4068, "America/Monterrey"),
    CityFact("Saltillo", "Coahuila", "MX", 25.4232, -100.9924, "America/Monterrey"),
    CityFact("Piedras Negras", "Coahuila", "MX", 28.7000, -100.5236, "America/Matamoros"),
    CityFact("Zacatecas", "Zacatecas", "MX", 22.7709, -102.5832, "America/Mexico_City"),
    CityFact("Chihuahua", "Chihuahua", "MX", 28.6320, -106.0691, "America/Chihuahua"),
)
US_CITIES = (
    CityFact("Eagle Pass", "Texas", "US", 28.7091, -100.4995, "America/Chicago"),
    CityFact("San Antonio", "Texas", "US", 29.4241, -98.4936, "America/Chicago"),
    CityFact("El Paso", "Texas", "US", 31.7619, -106.4850, "America/Denver"),
    CityFact("Los Angeles", "California", "US", 34.0522, -118.2437, "America/Los_Angeles"),
)


def _split(text: str) -> tuple[str, ...]:
    """Comma-separated entries over several lines: keeps long vocabularies compact."""
    return tuple(entry.strip() for entry in text.split(",") if entry.strip())


FIRST_NAMES_ES = _split("""
    Ángela, Rosaura, Citlali, Jazmín, Maribel, Xóchitl, Anahí, Lourdes, Nohemí, Zulema, Olivia,
    Marisol, Rocío, Yesenia, Brenda, Mónica, Leticia, Dulce, Paola, Karina, Sofía, Valeria,
    Teresa, Ofelia, Norma, Itzel, Maite, Zoila, Raúl, Ramón, Eliseo, Aurelio, Crispín, Baltazar,
    Fermín, Abundio, Evaristo, Nazario, Cirilo, Porfirio, Jacinto, Dámaso, Ezequiel, Wilfrido,
    Ramiro, Efraín, Rigoberto, Tomás, Rubén, Ismael, Nicolás, Emiliano, Fidel, Joaquín, Lázaro,
    Rogelio, Adán, Mauricio, Sergio, Valentín, Hugo, Lorenzo
""")
FIRST_NAMES_EN = _split("""
    Megan, Karen, Holly, Tracy, Dana, Wendy, Erin, Carol, Dwayne, Travis, Kyle, Russell, Glen,
    Wade, Doug, Brent, Curtis, Marjorie
""")
SURNAMES = _split("""
    Ibarra, Villanueva, Treviño, Garza, Cantú, Salinas, Zapata, Quiroga, Montalvo, Ocampo,
    Barraza, Galindo, Esparza, Robledo, Saucedo, Arreola, Valdez, Lozano, Rentería, Carrasco,
    Almaraz, Becerra, Cisneros, Escobedo, Fuentes, Gallegos, Hinojosa, Leyva, Maldonado, Nevárez,
    Olague, Portillo, Quintero, Rosales, Sifuentes, Tapia, Urrutia, Vela, Zúñiga, Acuña,
    Bermúdez, Córdova
""")
SURNAMES_EN = _split("""
    Walker, Hollis, Brennan, Duffy, Carver, Whitfield, Lowry, Pruitt, Gaines, Mercer, Tolliver,
    Haskins, Ridley, Slater, Voss
""")
# Day players are often named by what they do, as scripts do ("POLICÍA 2", "SACERDOTE").
ROLES_ES = _split("""
    POLICÍA, MESERA, SACRISTÁN, VECINA, VECINO, ENFERMERA, DOCTOR, TAXISTA, MARIACHI, VENDEDORA,
    CAJERO, GUARDIA, MAESTRA, ENTRENADOR, REPORTERA, CHOFER, CURANDERA, ABOGADO, CARCELERO,
    HALCÓN, PISTOLERO, PANADERO, ALCALDE, GASOLINERO
""")
ROLES_EN = _split("AGENT, BORDER OFFICER, DEPUTY, WAITRESS, ANALYST, CLERK, PILOT")
HONORIFICS_ES = _split("DON, DOÑA, SR., SRA., DOCTORA, LIC., PROFE, TÍA, COMPADRE")

PRODUCTION_TITLES = _split("""
    Tierra Adentro, Los Nogales, Río Bravo, Cinco Ojos de Agua, La Última Feria,
    Polvo y Manzanas, Frontera Norte, Nadie Se Fue, El Pueblo de Arriba, Mezquite, Agua Dulce,
    Las Noches del Norte
""")
EPISODE_TITLES = _split("""
    La feria, El partido, Los de afuera, La sequía, El baile, Puente internacional, La cosecha,
    Retén, Las vacas, El velorio, Noche de San Juan, La última troca
""")
WRITERS = _split("""
    Lucía Arredondo, Tomás Elizondo, Renata Villalobos, Marcos Ugalde, Inés Saldaña
""")


@dataclass(frozen=True, slots=True)
class SetKind:
    """A set in a kind of location: name suffix, INT or EXT, whether crowds gather there."""

    name: str
    int_ext: IntExt
    public: bool = False


@dataclass(frozen=True, slots=True)
class LocationKind:
    """A kind of location (a ranch, a cantina) with a name pattern and the sets it holds.

    ``pattern`` takes ``{name}`` (an invented proper name); ``weight`` is how
    often a production has one; ``stage`` kinds are built on a sound stage.
    """

    pattern: str
    sets: tuple[SetKind, ...]
    weight: int = 2
    stage: bool = False
    outskirts: bool = False


_I, _E, _IE = IntExt.INT, IntExt.EXT, IntExt.INT_EXT

VEHICLE_KIND = LocationKind("CAMIONETA DE {surname}", (SetKind("CABINA", _IE),), weight=2)
LOCATION_KINDS_ES = (
    LocationKind(
        "CASA DE LOS {surname}",
        (SetKind("COCINA", _I), SetKind("SALA", _I), SetKind("RECÁMARA", _I), SetKind("PATIO", _E)),
        weight=5,
        stage=True,
    ),
    LocationKind(
        "RANCHO {name}",
        (SetKind("CORRAL", _E), SetKind("ESTABLO", _I), SetKind("CASA GRANDE", _I)),
        weight=3,
        outskirts=True,
    ),
    LocationKind(
        "CANTINA {name}",
        (SetKind("BARRA", _I, True), SetKind("ESTACIONAMIENTO", _E)),
        weight=2,
        stage=True,
    ),
    LocationKind(
        "PARROQUIA DE SAN {saint}", (SetKind("NAVE", _I, True), SetKind("ATRIO", _E, True))
    ),
    LocationKind(
        "SECUNDARIA {name}",
        (SetKind("SALÓN", _I), SetKind("CANCHA", _E, True), SetKind("PASILLO", _I)),
    ),
    LocationKind(
        "MERCADO {name}", (SetKind("PASILLO DE FRUTAS", _I, True), SetKind("ENTRADA", _E))
    ),
    LocationKind("PLAZA DE ARMAS", (SetKind("KIOSCO", _E, True),), weight=1),
    LocationKind(
        "CLÍNICA VETERINARIA {name}",
        (SetKind("CONSULTORIO", _I), SetKind("BODEGA", _I)),
        stage=True,
    ),
    LocationKind(
        "COMANDANCIA MUNICIPAL",
        (SetKind("OFICINA", _I), SetKind("CELDAS", _I)),
        weight=1,
        stage=True,
    ),
    LocationKind(
        "PENAL ESTATAL",
        (SetKind("PATIO", _E, True), SetKind("PASILLO", _I)),
        weight=1,
        outskirts=True,
    ),
    LocationKind(
        "CARRETERA A {name}", (SetKind("RETÉN", _E), SetKind("CUNETA", _E)), outskirts=True
    ),
    VEHICLE_KIND,
    LocationKind(
        "CAMPO DE FUTBOL {name}", (SetKind("GRADAS", _E, True), SetKind("VESTIDORES", _I))
    ),
    LocationKind(
        "SALÓN DE BAILE {name}", (SetKind("PISTA", _I, True), SetKind("AFUERA", _E, True))
    ),
    LocationKind(
        "NOGALERA {name}", (SetKind("HUERTA", _E), SetKind("TEJABÁN", _E)), outskirts=True
    ),
    LocationKind("MOTEL {name}", (SetKind("CUARTO 8", _I), SetKind("RECEPCIÓN", _I))),
)
LOCATION_KINDS_EN = (
    LocationKind(
        "DEA FIELD OFFICE", (SetKind("BULLPEN", _I), SetKind("CONFERENCE ROOM", _I)), stage=True
    ),
    LocationKind("{name} MOTOR INN", (SetKind("ROOM 12", _I), SetKind("PARKING LOT", _E))),
    LocationKind("{name} DINER", (SetKind("BOOTH", _I, True), SetKind("COUNTER", _I, True))),
    LocationKind("HIGHWAY 57", (SetKind("SHOULDER", _E),), weight=1, outskirts=True),
    LocationKind("SAFE HOUSE", (SetKind("KITCHEN", _I), SetKind("GARAGE", _I)), weight=1),
    LocationKind("INTERNATIONAL BRIDGE", (SetKind("CHECKPOINT", _E, True),), weight=1),
    LocationKind("{surname} HOUSE", (SetKind("LIVING ROOM", _I), SetKind("BACKYARD", _E))),
)
PLACE_NAMES_ES = _split("""
    EL MEZQUITE, LA ESPERANZA, LOS ÁLAMOS, SANTA FE, LA GOLONDRINA, EL CENTENARIO, LAS PALMAS,
    LA LUZ, SAN ISIDRO, EL OLIVO, LA CANDELARIA, EL TECOLOTE, LOS PINOS, LA NORIA, EL PROGRESO,
    LA CIÉNEGA, VISTA HERMOSA, EL REFUGIO, LA PALOMA
""")
PLACE_NAMES_EN = _split("LONE STAR, BLUEBONNET, RIO, SUNSET, MAVERICK, PECOS, RED MESA")
SAINTS = _split("JOSÉ, ANTONIO, JUAN, MIGUEL, FRANCISCO, PEDRO, JUDAS TADEO")
