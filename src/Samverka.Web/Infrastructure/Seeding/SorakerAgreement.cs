using Samverka.Domain.Agreements;
using Samverka.Domain.Guidelines;

namespace Samverka.Web.Infrastructure.Seeding;

/// <summary>
/// The seed agreement between Timrå kommun and Söråkers Folketshusförening (2018), transcribed as
/// structured data: its sections as written, both budgets line by line with the figures the
/// document states (so its two arithmetic slips show as warnings), the steering group and the term.
/// The seeds hold no Timrå guidelines; the demo gives Timrå illustrative ones whose agreement
/// sections follow this agreement's own headings.
/// </summary>
public static class SorakerAgreement
{
    public static readonly IReadOnlyList<string> Sections =
    [
        "Bakgrund", "Värdegrund", "Insatser", "Partner och syfte", "Målgrupp", "Övergripande målsättning", "Organisation och samverkan",
        "Ansvarsfördelning inom kommunen", "Styrgrupp och beslut i partnerskapet", "Kunskapsinhämtning och uppföljning", "Budget",
        "Utvärdering och fortsatt samverkan", "Löptid", "Omförhandling och återbetalningsskyldighet", "Parter", "Underskrifter",
    ];

    public static GuidelineRules TimraRules => GuidelinePresets.Blank with
    {
        Criteria = GuidelinePresets.Soderhamn.Criteria,
        AgreementSections = Sections,
        DecidingBody = DecidingBodyRule.ExecutiveBoard,
        MaxTermYears = 4,
        ExtensionAllowed = true,
    };

    public static readonly IReadOnlyDictionary<string, string> Texts = new Dictionary<string, string>
    {
        ["Bakgrund"] =
            "Timrå kommuns fullmäktige har 2016 antagit en policy om social ekonomi. En utveckling av detta beslut är att skapa ett IOP i syfte att skapa ett långsiktigt hållbart Timrå. " +
            "Detta görs genom att stärka samspelet mellan det offentliga och den idéburna sektorn.\n\n" +
            "Målet är att utveckla möjligheterna för den idéburna sektorn att utgöra en viktig aktör inom välfärdsutvecklingen. Ett idéburet offentligt partnerskap (IOP) ger möjlighet för båda parter att uppfylla mål och syfte. " +
            "Enheten för Arbetsmarknad och Integration har fått i uppdrag att i samverkan med Sveriges Kommuner och Landsting (SKL) ta fram en överenskommelse med en idéburen organisation i Timrå kommun.\n\n" +
            "Med ett IOP som samverkansform är det möjligt att hitta en annan väg att utföra välfärdstjänster än de traditionella samverkansformerna som tidigare varit enda alternativet; föreningsbidrag och upphandlade kontrakt. " +
            "En nackdel som kan finnas med föreningsbidragen är att de delas ut årligen och det kan leda till en osäkerhet för hela organisationen. Kommunen kan även köpa välfärdstjänster av privata aktörer via en upphandling. " +
            "Dessa två typer av alternativ omfattar inte sådana samfinansieringsprojekt som ett IOP innebär. Tillväxtverket har i en rapport visat att civilsamhällesorganisationer ofta kan missgynnas i en upphandling då de inte fokuserar på ekonomisk effektivitet och erbjuder ett mervärde som inte premieras i en upphandling.\n\n" +
            "Timrå kommun har ett stort utbud av arbetsträningsplatser/praktikplatser. Dessa platser riktas till största delen mot vuxna personer. Det finns dock ett behov att hitta renodlade platser för ungdomar.\n\n" +
            "I kommunen finns Söråkers Folkets Husförening, en ideell förening som driver verksamhet bestående av kulturaktiviteter, biograf, bibliotek, café, matservering med mera. Söråkers Folketshusförening tar redan i dag emot personer för arbetsträning. " +
            "Kommunen vill ge stöd så att Söråkers Folketshusförening kan utveckla denna verksamhet.\n\n" +
            "Tanken är därför att kommunen i samverkan med Folkets Hus ska kunna använda den kunskap som redan finns i stället för att bygga upp något eget. Redan i dag finns en samverkan med kommunen genom att Folketshusföreningen driver bibliotek samt en fritidsgård på entreprenad åt Timrå kommun.",
        ["Värdegrund"] =
            "Verksamheten ska vara en öppen samlingsplats med värdiga drogfria miljöer för barn och ungdom.\n\n" +
            "Verksamheten ska genomsyras av demokratiska värderingar där människors lika värde betonas.\n\n" +
            "Verksamheten ska präglas av tydliga viljeinriktningar i viktiga samhällsfrågor såsom genus, miljö, integration och mångfald.\n\n" +
            "FN:s konvention om barnets rättigheter ska ligga till grund för verksamheten.",
        ["Insatser"] =
            "Detta partnerskap är framarbetat i samverkan mellan båda partnerna. Den idéburna sektorn (Folkets Hus) kompletterar med värden som kommunen inte har, exempelvis en förmåga att ta till vara människors engagemang och mobilisering i civilsamhället. " +
            "En viktig effekt av partnerskapet är det kunskapsbyggande och den metodutveckling som sker inom det område som partnerskapet avser.",
        ["Partner och syfte"] =
            "Timrå kommuns socialförvaltning och Söråkers Folkets Husförening. Syftet med denna överenskommelse är att ge Söråkers Folketshusförening en ekonomisk förstärkning för att föreningen i samverkan med Timrå kommun ska kunna utveckla sin verksamhet och ta emot fler ungdomar och ge dessa meningsfull sysselsättning.\n\n" +
            "Ungdomarna ska med stöd av handledare skolas in i den ordinarie verksamheten utifrån individens lust, intressen och förutsättningar. Målet ska vara att stimulera till personlig utveckling och stärka självkänsla genom att i skarpt läge få möjlighet att driva och skapa kulturverksamheter och bidra till en varm, välkomnande mötesplats för alla. " +
            "Verksamheten har en tydlig inriktning mot entreprenörskap, med självförvaltning som metod.\n\n" +
            "Timrå kommuns resurser består av ekonomiska medel om sammanlagt 500 tkr samt handledning och fortbildning av personal som deltar i verksamheten. Söråkers Folkets Hus insatser består av övergripande arbetsledning, deltagande i egna ideella service- och stödinsatser riktade till målgruppen.",
        ["Målgrupp"] =
            "Ungdomar mellan 14 och 25 år som är i behov av sysselsättning och saknar en strukturerad tillvaro som inte kan tillgodoses inom Timrå kommuns ordinarie verksamhet. Ungdomar som hoppar av gymnasiet och faller inom ramen för KAA (kommunala aktivitetsansvaret). " +
            "Insatsen ska vara av frivillig art; ungdomarna ska lämna samtycke till att vara på Söråkers Folkets Hus.",
        ["Övergripande målsättning"] =
            "Målsättningen med att skapa ett IOP är att kunna samverka i ett partnerskap där vi tar vara på de resurser som finns inom både den offentliga delen och de ideella organisationerna. Detta ska utmynna i en lärande organisation som genom samverkan ser till medborgarnas bästa. " +
            "Detta partnerskap ska förhoppningsvis öppna vägen för flera samverkansprojekt inom Timrå kommun.",
        ["Organisation och samverkan"] =
            "När någon är aktuell för en insats kallas till ett samverkansmöte mellan remitterande part inom Timrå kommun och Söråkers Folkets Husförening.",
        ["Ansvarsfördelning inom kommunen"] = "",
        ["Kunskapsinhämtning och uppföljning"] =
            "Alla remitterande partner ska ha regelbunden uppföljning i ett trepartssamtal, förslagsvis en gång i månaden. Den varaktiga dokumentationen kommer att skötas av kommunen i dess verksamhetssystem. " +
            "Söråkers Folkets Hus kommer att skriva tillfälliga daganteckningar som kan vara av vikt för utvecklingen hos ungdomarna.",
        ["Utvärdering och fortsatt samverkan"] =
            "Utvärdering kommer att ske löpande med träffar av berörd personal från kommunen samt Folkets Hus. Varje kvartal kommer styrgruppen att följa upp och sammanställa ett dokument som kommer att presenteras för kommunstyrelsen och styrelsen för Söråkers Folkets Hus.",
        ["Omförhandling och återbetalningsskyldighet"] =
            "Om betydande avvikelse från plan och budget sker ska partnerna innan förhandlingarna genomförs föra en dialog och godkänna förändringarna. Om någon av partnerna inte uppfyller villkoren för överenskommelsen eller brister i sina åtaganden, eller det råder väsentligt förändrade omständigheter, ska alla medverkande partner föra en dialog om huruvida partnerskapet kan fortsätta. " +
            "I sista hand har partner rätt att lämna partnerskapet. Samma sak gäller också vid förändrade omständigheter utom partnernas kontroll.\n\n" +
            "Partner har rätt att kräva sitt bidrag åter helt eller delvis om detta används felaktigt eller inte för avsett ändamål.\n\n" +
            "Eventuellt överskott på verksamheten ska användas för samma eller liknande ändamål.",
    };

    public static AgreementFacts Facts => new()
    {
        TargetGroup = "Ungdomar som är i behov av sysselsättning och saknar en strukturerad tillvaro",
        AgeFrom = 14,
        AgeTo = 25,
        DecidingCommittee = "Kommunstyrelsen",
        ResponsibleOffice = "socialförvaltningen",
        ResponsiblePerson = "arbetsmarknadschef Lars Backlund",
        DecisionRule = "Beslut tas av styrgruppen i enhällighet.",
        MeetingRhythm = "Respektive partner kan med kort varsel påkalla möte; ordinarie styrgruppsmöte en gång i månaden om inte annat bestäms.",
        FollowUpForms = "Trepartssamtal en gång i månaden; kvartalsvis uppföljning av styrgruppen som presenteras för kommunstyrelsen och föreningens styrelse.",
        ExtensionDecidedIn = new DateOnly(2018, 11, 1),
        KeyFigures = ["Unga i arbetsträning", "Ideella timmar", "Samverkansmöten"],
    };

    /// <summary>The two budgets as printed (amounts in tkr), with the figures the document states.</summary>
    public static IEnumerable<BudgetLine> Budget(Guid timra, Guid soraker)
    {
        BudgetLine Line(Guid party, string label, BudgetCategory category, bool inKind, string calculation, decimal stated, decimal? statedHours = null, string? note = null) =>
            new(Guid.CreateVersion7(), party, 2018, label, category, inKind, BudgetCalculation.Parse(calculation), stated, statedHours, note);

        yield return Line(timra, "Verksamhetsstöd", BudgetCategory.OperatingGrant, false, "500 tkr", 500_000m);
        yield return Line(timra, "Styrgruppskostnader", BudgetCategory.SteeringGroup, false, "5 tkr", 5_000m);
        yield return Line(timra, "Handledning mm för personal", BudgetCategory.Supervision, true, "25 tkr", 25_000m);
        yield return Line(soraker, "Arbetsledare inkl soc avg", BudgetCategory.Staff, false, "500 tkr", 500_000m);
        yield return Line(soraker, "Personalinsats ord pers 3 st", BudgetCategory.Staff, true, "196 tkr × 10 %", 20_000m);
        yield return Line(soraker, "Ideell insats, volontärer", BudgetCategory.Volunteers, true, "44 veckor × 40 tim × 134 kr", 236_000m, 176m);
        yield return Line(soraker, "Lokaler", BudgetCategory.Premises, true, "44 veckor × 3 750 kr", 165_000m);
        yield return Line(soraker, "Material, utrustning, projektskap", BudgetCategory.Material, false, "45 tkr", 45_000m, note: "Till exempel musikal, scenografi");
        yield return Line(soraker, "Resor, studiebesök med deltagare", BudgetCategory.Travel, false, "25 tkr", 25_000m, note: "Inspiration, kunskapsinhämtande");
    }
}
