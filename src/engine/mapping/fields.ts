/**
 * The canonical fields a spreadsheet column can be mapped to, with the header
 * spellings seen in ITAD, recycler, logistics and utility sheets (English first,
 * then German, French, Spanish, Dutch), and what their values look like.
 * Synonyms are compared after `normaliseHeader` (lower case, punctuation and units
 * removed), so "Wt (lbs)" is matched as "wt".
 */
import type { Dimension } from "../quantities/units";

export type FieldKind =
  | "id" // identifiers: short, mostly unique
  | "serial" // serial-like strings (letters and digits)
  | "text" // free text
  | "name" // short repeated names (manufacturer, vendor, city)
  | "count" // whole-number counts
  | "quantity" // a measured amount with a unit (mass, distance, energy)
  | "unit" // a unit symbol column
  | "date"
  | "period" // month or reporting period
  | "class" // free text classified to a taxonomy id
  | "country"
  | "boolean";

export type TaxonomyClass = "disposition" | "mode" | "carrier" | "refrigerant" | "product";

export interface FieldDef {
  id: FieldId;
  label: string;
  kind: FieldKind;
  /** For quantity and unit fields. */
  dimension?: Dimension;
  /** For a quantity: the field of its companion unit column. */
  unitField?: FieldId;
  /** For a class field: which taxonomy list its values are classified against. */
  taxonomy?: TaxonomyClass;
  synonyms: readonly string[];
}

export const FIELD_IDS = [
  "assetId",
  "serialNumber",
  "description",
  "manufacturer",
  "model",
  "category",
  "unuKey",
  "quantity",
  "mass",
  "massUnit",
  "disposition",
  "date",
  "shipmentId",
  "legNumber",
  "origin",
  "destination",
  "distance",
  "distanceUnit",
  "mode",
  "vehicle",
  "fuel",
  "vendor",
  "customer",
  "evidenceRef",
  "certificateId",
  "lotId",
  "energyAmount",
  "energyUnit",
  "energyCarrier",
  "country",
  "site",
  "period",
  "refrigerantGas",
  "refrigerantMass",
  "dataBearing",
  "testResult",
  "sanitizationMethod",
  "saleDate",
  // Added for evidence, hazardous flags, downstream certificates, fuels and energy attribute certificates.
  "hazardous",
  "testRecordId",
  "sanitizationRecordId",
  "saleRecordId",
  "material",
  "fuelQuantity",
  "fuelUnit",
  "instrumentEnergy",
] as const;

export type FieldId = (typeof FIELD_IDS)[number];

export const FIELDS: readonly FieldDef[] = [
  { id: "assetId", label: "Asset id", kind: "id", synonyms: ["asset id", "asset tag", "asset", "asset no", "asset number", "tag", "tag no", "tag number", "item id", "item no", "item number", "id", "record id", "inventory id", "inventory no", "barcode", "stock no", "sku", "anlagennummer", "inventarnummer", "nr", "nummer", "artikelnummer", "identifiant", "numero d actif", "id activo"] },
  { id: "serialNumber", label: "Serial number", kind: "serial", synonyms: ["serial", "serial no", "serial number", "serial num", "s n", "sn", "serial nbr", "serial #", "service tag", "imei", "seriennummer", "serien nr", "numero de serie", "n de serie", "serienummer"] },
  { id: "description", label: "Item description", kind: "text", synonyms: ["description", "item description", "item", "product", "product description", "product name", "equipment", "equipment type", "device", "device type", "asset description", "desc", "item desc", "material description", "beschreibung", "bezeichnung", "produkt", "artikel", "artikelbezeichnung", "geraet", "gerat", "designation", "produit", "descripcion", "producto", "omschrijving"] },
  { id: "manufacturer", label: "Manufacturer", kind: "name", synonyms: ["manufacturer", "make", "brand", "mfr", "mfg", "oem", "vendor brand", "hersteller", "marke", "fabricant", "marque", "fabricante", "marca", "fabrikant"] },
  { id: "model", label: "Model", kind: "name", synonyms: ["model", "model no", "model number", "model name", "mdl", "part number", "part no", "modell", "typ", "modele", "modelo"] },
  { id: "category", label: "Category", kind: "name", synonyms: ["category", "asset category", "asset type", "type", "class", "asset class", "product category", "product type", "equipment category", "weee category", "kategorie", "geraetekategorie", "warengruppe", "art", "categorie", "categoria", "klasse"] },
  { id: "unuKey", label: "UNU-KEY", kind: "id", synonyms: ["unu key", "unukey", "unu", "unu code", "unu category", "unu-key"] },
  { id: "quantity", label: "Quantity (units)", kind: "count", synonyms: ["qty", "quantity", "units", "unit count", "count", "pieces", "pcs", "no of units", "number of units", "menge", "anzahl", "stueck", "stuck", "stk", "quantite", "cantidad", "aantal"] },
  { id: "mass", label: "Mass", kind: "quantity", dimension: "mass", unitField: "massUnit", synonyms: ["weight", "wt", "mass", "gross weight", "net weight", "net wt", "gross wt", "total weight", "weight total", "shipping weight", "scale weight", "tare", "net", "gross", "tonnage", "tonnes", "tons", "kg", "lbs", "kilograms", "pounds", "gewicht", "masse", "nettogewicht", "bruttogewicht", "poids", "peso", "gewicht netto"] },
  { id: "massUnit", label: "Mass unit", kind: "unit", dimension: "mass", synonyms: ["weight unit", "wt unit", "mass unit", "uom", "unit of measure", "unit", "units of measure", "einheit", "gewichtseinheit", "unite", "unidad"] },
  { id: "disposition", label: "Disposition", kind: "class", taxonomy: "disposition", synonyms: ["disposition", "final disposition", "disposition type", "end of life", "eol", "outcome", "treatment", "processing", "process", "fate", "destination type", "route", "result", "status", "disposal method", "recovery route", "verwertung", "verwertungsart", "entsorgung", "entsorgungsweg", "behandlung", "verbleib", "traitement", "destino final", "tratamiento", "verwerking"] },
  { id: "date", label: "Date", kind: "date", synonyms: ["date", "date processed", "processed date", "processing date", "received date", "date received", "receipt date", "ship date", "shipment date", "collection date", "pickup date", "pick up date", "transaction date", "datum", "eingangsdatum", "bearbeitungsdatum", "date de traitement", "fecha"] },
  { id: "shipmentId", label: "Shipment id", kind: "id", synonyms: ["shipment", "shipment id", "shipment no", "shipment number", "load", "load id", "load no", "load number", "bol", "bill of lading", "waybill", "consignment", "consignment no", "manifest", "manifest no", "job", "job no", "job number", "order", "order no", "po", "sendung", "sendungsnummer", "lieferschein", "auftrag", "auftragsnummer", "expedition", "envio"] },
  { id: "legNumber", label: "Leg number", kind: "count", synonyms: ["leg", "leg no", "leg number", "leg #", "stage", "segment", "hop", "etappe", "abschnitt"] },
  { id: "origin", label: "Origin", kind: "name", synonyms: ["origin", "from", "ship from", "pickup", "pick up", "pickup location", "origin city", "start", "departure", "source", "von", "abholort", "start ort", "herkunft", "origine", "origen"] },
  { id: "destination", label: "Destination", kind: "name", synonyms: ["destination", "to", "ship to", "delivery", "delivery location", "destination city", "end", "arrival", "nach", "zielort", "ziel", "lieferort", "destino"] },
  { id: "distance", label: "Distance", kind: "quantity", dimension: "distance", unitField: "distanceUnit", synonyms: ["distance", "miles", "mileage", "km", "kilometers", "kilometres", "trip distance", "route distance", "dist", "entfernung", "distanz", "strecke", "kilometer", "fahrstrecke", "distancia"] },
  { id: "distanceUnit", label: "Distance unit", kind: "unit", dimension: "distance", synonyms: ["distance unit", "dist unit", "mileage unit"] },
  { id: "mode", label: "Transport mode", kind: "class", taxonomy: "mode", synonyms: ["mode", "transport mode", "mode of transport", "shipping mode", "shipping method", "transport", "carrier type", "freight mode", "transportmittel", "verkehrstraeger", "verkehrstrager", "transportart", "verkehrsmittel", "mode de transport", "modo de transporte"] },
  { id: "vehicle", label: "Vehicle", kind: "name", synonyms: ["vehicle", "vehicle type", "truck type", "equipment", "fahrzeug", "fahrzeugtyp", "lkw typ", "vehicule"] },
  { id: "fuel", label: "Fuel", kind: "name", synonyms: ["fuel", "fuel type", "kraftstoff", "treibstoff", "carburant", "combustible"] },
  { id: "vendor", label: "Vendor / downstream processor", kind: "name", synonyms: ["vendor", "downstream vendor", "downstream", "downstream processor", "processor", "recycler", "smelter", "refiner", "buyer", "purchaser", "carrier", "haulier", "hauler", "trucking company", "logistics provider", "supplier", "partner", "lieferant", "entsorger", "verwerter", "abnehmer", "spediteur", "fournisseur", "proveedor"] },
  { id: "customer", label: "Customer / client", kind: "name", synonyms: ["customer", "client", "account", "customer name", "client name", "kunde", "auftraggeber", "mandant", "cliente"] },
  { id: "evidenceRef", label: "Evidence reference", kind: "id", synonyms: ["evidence", "evidence ref", "evidence reference", "evidence id", "document", "document id", "doc id", "doc ref", "reference", "ref", "record", "weigh ticket", "weight ticket", "scale ticket", "ticket", "receipt", "invoice", "invoice no", "beleg", "belegnummer", "nachweis", "wiegeschein", "rechnung", "justificatif"] },
  { id: "certificateId", label: "Certificate id", kind: "id", synonyms: ["certificate", "certificate id", "certificate no", "certificate number", "cert", "cert no", "cert #", "cod", "cod no", "certificate of destruction", "certificate of recycling", "cor", "destruction certificate", "data destruction certificate", "zertifikat", "zertifikatsnummer", "vernichtungsnachweis", "entsorgungsnachweis", "certificat", "certificado"] },
  { id: "lotId", label: "Lot id", kind: "id", synonyms: ["lot", "lot id", "lot no", "los nr", "los no", "lot number", "batch", "batch id", "batch no", "pallet", "pallet id", "pallet no", "gaylord", "box", "container", "los", "charge", "chargennummer", "partie", "palette", "lote"] },
  { id: "energyAmount", label: "Energy amount", kind: "quantity", dimension: "energy", unitField: "energyUnit", synonyms: ["energy", "usage", "consumption", "kwh", "mwh", "energy use", "energy consumption", "electricity", "electricity use", "electricity consumption", "kwh used", "usage kwh", "amount", "therms", "verbrauch", "stromverbrauch", "energieverbrauch", "strom", "consommation", "consumo"] },
  { id: "energyUnit", label: "Energy unit", kind: "unit", dimension: "energy", synonyms: ["energy unit", "usage unit", "consumption unit", "billing unit"] },
  { id: "energyCarrier", label: "Energy carrier", kind: "class", taxonomy: "carrier", synonyms: ["energy carrier", "carrier", "energy type", "energy source", "utility", "utility type", "commodity", "service type", "energietraeger", "energietrager", "energieart", "source d energie"] },
  { id: "country", label: "Country / region", kind: "country", synonyms: ["country", "country code", "region", "grid region", "location", "iso", "iso code", "nation", "state", "land", "laendercode", "landercode", "pays", "pais", "region code", "egrid subregion", "subregion"] },
  { id: "site", label: "Site / facility", kind: "name", synonyms: ["site", "facility", "plant", "location name", "branch", "warehouse", "building", "site name", "facility name", "standort", "werk", "niederlassung", "lager", "site de traitement", "instalacion", "sede"] },
  { id: "period", label: "Period / month", kind: "period", synonyms: ["period", "month", "billing period", "reporting period", "billing month", "service period", "year month", "fiscal period", "quarter", "zeitraum", "monat", "abrechnungszeitraum", "periode", "mois", "mes"] },
  { id: "refrigerantGas", label: "Refrigerant gas", kind: "class", taxonomy: "refrigerant", synonyms: ["refrigerant", "refrigerant type", "gas", "gas type", "refrigerant gas", "coolant", "kaeltemittel", "kaltemittel", "kaeltemitteltyp", "fluide frigorigene", "refrigerante"] },
  { id: "refrigerantMass", label: "Refrigerant mass", kind: "quantity", dimension: "mass", unitField: "massUnit", synonyms: ["refrigerant mass", "refrigerant weight", "refrigerant charge", "charge", "refrigerant recovered", "recovered refrigerant", "gas recovered", "recovered", "charge kg", "refrigerant amount", "fuellmenge", "fullmenge", "kaeltemittelmenge", "kaltemittelmenge"] },
  { id: "dataBearing", label: "Data-bearing", kind: "boolean", synonyms: ["data bearing", "data-bearing", "data bearing device", "has data", "contains data", "storage", "has storage", "hdd present", "datentraeger", "datentrager", "mit datentraeger"] },
  { id: "testResult", label: "Test result", kind: "name", synonyms: ["test result", "test", "tested", "functional test", "test status", "grade", "condition", "cosmetic grade", "functional", "pass fail", "testergebnis", "zustand", "pruefergebnis", "resultat du test"] },
  { id: "sanitizationMethod", label: "Sanitization method", kind: "name", synonyms: ["sanitization", "sanitization method", "sanitisation", "sanitisation method", "data sanitization", "data destruction", "data destruction method", "wipe method", "erasure", "erasure method", "wipe", "wiped", "destruction method", "shred method", "nist 800 88", "datenloeschung", "datenloschung", "loeschmethode", "loschmethode", "effacement"] },
  { id: "saleDate", label: "Sale date", kind: "date", synonyms: ["sale date", "sold date", "date sold", "sales date", "resale date", "invoice date", "transfer date", "verkaufsdatum", "date de vente", "fecha de venta"] },
  { id: "hazardous", label: "Hazardous", kind: "boolean", synonyms: ["hazardous", "haz", "hazardous waste", "is hazardous", "hazardous y n", "haz y n", "hazardous flag", "haz flag", "special waste", "hazardous item", "gefaehrlich", "gefahrlich", "gefaehrlicher abfall", "gefahrlicher abfall", "dangereux", "dechet dangereux", "peligroso", "residuo peligroso", "gevaarlijk", "gevaarlijk afval"] },
  { id: "testRecordId", label: "Test record id", kind: "id", synonyms: ["test record", "test record id", "test record no", "test report", "test report id", "test report no", "test id", "test ref", "test reference", "diagnostic report", "diagnostics report", "diagnostics id", "test certificate", "functional test report", "testprotokoll", "pruefprotokoll", "prufprotokoll", "pruefbericht", "rapport de test", "informe de prueba"] },
  { id: "sanitizationRecordId", label: "Sanitization record id", kind: "id", synonyms: ["erasure report", "erasure report id", "erasure report no", "erasure certificate", "erasure cert", "erasure id", "erasure record", "wipe report", "wipe certificate", "wipe cert", "wipe record", "sanitization record", "sanitization report", "sanitization certificate", "sanitisation record", "sanitisation report", "sanitisation certificate", "data erasure report", "data erasure certificate", "blancco report", "loeschprotokoll", "loschprotokoll", "loeschzertifikat", "loschzertifikat", "loeschnachweis", "certificat d effacement", "rapport d effacement", "certificado de borrado"] },
  { id: "saleRecordId", label: "Sale record id", kind: "id", synonyms: ["sale record", "sale record id", "sales record", "sales order", "sales order no", "sales order number", "sales order id", "so no", "so number", "sale ref", "sales ref", "sales invoice", "sales invoice no", "resale invoice", "resale order", "transfer record", "verkaufsbeleg", "verkaufsauftrag", "facture de vente", "pedido de venta"] },
  { id: "material", label: "Material / output fraction", kind: "name", synonyms: ["material", "material type", "material class", "material code", "fraction", "fraction code", "output fraction", "waste fraction", "output material", "material stream", "stream", "scrap type", "werkstoff", "material art", "fraktion", "stoffstrom", "materiau", "fraction de sortie", "fraccion"] },
  { id: "fuelQuantity", label: "Fuel quantity (volume)", kind: "quantity", dimension: "volume", unitField: "fuelUnit", synonyms: ["volume", "fuel volume", "fuel quantity", "fuel used", "fuel use", "fuel consumption", "litres", "liters", "fuel litres", "fuel liters", "gallons", "fuel gallons", "cubic metres", "cubic meters", "gas volume", "kraftstoffmenge", "kraftstoffverbrauch", "liter", "volumen", "volume de carburant", "litros"] },
  { id: "fuelUnit", label: "Fuel unit (volume)", kind: "unit", dimension: "volume", synonyms: ["volume unit", "fuel unit", "unit of volume", "volume uom", "fuel uom", "volumeneinheit", "unite de volume"] },
  { id: "instrumentEnergy", label: "Energy covered by certificates (EAC)", kind: "quantity", dimension: "energy", unitField: "energyUnit", synonyms: ["rego", "regos", "rego backed", "rego energy", "eac", "eacs", "eac energy", "renewable certificates", "renewable energy certificates", "recs", "guarantees of origin", "guarantee of origin", "certified renewable", "green tariff energy", "covered energy", "energy covered", "herkunftsnachweise", "herkunftsnachweis", "garanties d origine", "garantias de origen"] },
];

const BY_ID = new Map(FIELDS.map((f) => [f.id, f]));

export function fieldDef(id: FieldId): FieldDef {
  return BY_ID.get(id)!;
}
