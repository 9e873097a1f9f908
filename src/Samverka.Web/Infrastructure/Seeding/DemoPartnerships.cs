using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Partnerships;

namespace Samverka.Web.Infrastructure.Seeding;

/// <summary>
/// The running demo partnerships, dated relative to today so the dashboards always have something
/// due. Stenungsund: Stenungsunds Idrottsförening's open sports on Stenungsön, decided by
/// kommunstyrelsen for this year and next; the steering group has met monthly since signing (one
/// proposal blocked by an objection), the activity log carries the agreement's key figures, this
/// year's grant is paid and next year's waits for the yearly follow-up, as Stenungsund's guidelines
/// require. Söderhamn: night walks coordinated by a sports alliance, decided by socialnämnden after
/// the legal and finance functions were consulted, paid per association and night walked.
/// </summary>
public static class DemoPartnerships
{
    public const string Title = "Idéburet offentligt partnerskap om spontanidrott på Stenungsön";
    public const string NightWalkTitle = "Idéburet offentligt partnerskap om nattvandring i Söderhamn";

    public static readonly IReadOnlyList<string> KeyFigures = ["Träningstillfällen", "Unika deltagare", "Ideella ledartimmar"];

    public sealed record Seeded(Agreement Agreement, AgreementVersion Version, Partnership Partnership);

    /// <summary>The facts, budget lines (per year, for both years) and people of one demo agreement.</summary>
    private sealed record Terms(string Title, AgreementParty Municipality, AgreementParty Organisation, AgreementFacts Facts,
        Func<Guid, Guid, int, IEnumerable<(Guid Party, string Label, BudgetCategory Category, bool InKind, string Calculation)>> Lines,
        IReadOnlyList<SteeringMember> SteeringGroup, IReadOnlyList<Signatory> Signatories, string Official);

    public static Seeded Stenungsund(Case approved, CaseDecision decision, GuidelineRules rules, Guid municipality, Guid organisation, DateOnly today, TimeSpan offset)
    {
        var seeded = Sign(approved, decision, rules, today, offset, new Terms(Title,
            new AgreementParty(municipality, PartyKind.Municipality, "Stenungsunds kommun", null),
            new AgreementParty(organisation, PartyKind.Organisation, "Stenungsunds Idrottsförening", "802435-6787"),
            new AgreementFacts
            {
                TargetGroup = "Unga som inte är med i någon förening", AgeFrom = 12, AgeTo = 19, DecidingCommittee = "Kommunstyrelsen",
                ResponsibleOffice = "kultur- och fritidsförvaltningen", ResponsiblePerson = "Henrik Handläggare",
                FollowUpForms = "Styrgruppen följer upp varje kvartal; föreningen lämnar en årsuppföljning senast tre månader efter året.",
                KeyFigures = KeyFigures,
            },
            (m, o, y) =>
            [
                (m, "Verksamhetsstöd", BudgetCategory.OperatingGrant, false, "600 tkr"),
                (m, "Hallhyra, kommunens lokaler", BudgetCategory.Premises, true, "40 veckor × 1 200 kr"),
                (o, "Ideella ledare", BudgetCategory.Volunteers, true, "40 veckor × 9 tim × 150 kr"),
                (o, "Tränare, timanställda", BudgetCategory.Staff, false, "40 veckor × 6 tim × 320 kr"),
                (o, "Bollar, västar och första hjälpen", BudgetCategory.Material, false, "30 tkr"),
            ],
            [new(municipality, "Henrik Handläggare", "handläggare"), new(municipality, "Maria Berg", "fritidschef"),
                new(organisation, "Ingrid Idrottsson", "kanslist"), new(organisation, "Johan Ek", "ordförande")],
            [new(Guid.Empty, municipality, "Anders Holm", "Kommunstyrelsens ordförande"), new(Guid.Empty, organisation, "Johan Ek", "Ordförande")],
            "Henrik Handläggare"));
        RunUntil(seeded.Partnership, seeded.Agreement.SignedOn!.Value, today, offset);
        return seeded;
    }

    /// <summary>
    /// Night walks in Söderhamn: the budget's 80 nights × 2 400 kr, vests and lamps; walkers from
    /// several associations on weekend nights since signing, and the open account that follows.
    /// </summary>
    public static Seeded Soderhamn(Case approved, CaseDecision decision, GuidelineRules rules, Guid municipality, Guid organisation, DateOnly today, TimeSpan offset)
    {
        var seeded = Sign(approved, decision, rules, today, offset, new Terms(NightWalkTitle,
            new AgreementParty(municipality, PartyKind.Municipality, "Söderhamns kommun", null),
            new AgreementParty(organisation, PartyKind.Organisation, "Söderhamns Idrottsallians", "802466-1236"),
            new AgreementFacts
            {
                TargetGroup = "Unga som rör sig i centrala Söderhamn på helgkvällar", AgeFrom = 13, AgeTo = 20, DecidingCommittee = "Socialnämnden",
                ResponsibleOffice = "socialförvaltningen", ResponsiblePerson = "Örjan Ärlig",
                FollowUpForms = "Alliansen redovisar varje kvartal vilka föreningar som vandrat och vad de fått, öppet.",
                KeyFigures = [Partnership.NightsWalked],
            },
            (m, o, y) =>
            [
                (m, "Nattvandring", BudgetCategory.OperatingGrant, false, "80 nätter × 2 400 kr"),
                (m, "Västar och lampor", BudgetCategory.Material, false, "15 tkr"),
                (o, "Ideella vandrare", BudgetCategory.Volunteers, true, "80 nätter × 12 tim × 134 kr"),
                (o, "Samordning", BudgetCategory.Staff, true, "80 nätter × 1 tim × 320 kr"),
            ],
            [new(municipality, "Örjan Ärlig", "handläggare"), new(organisation, "Kim Lind", "samordnare")],
            [new(Guid.Empty, municipality, "Eva Sund", "Socialnämndens ordförande"), new(Guid.Empty, organisation, "Kim Lind", "Ordförande")],
            "Örjan Ärlig"));
        var p = seeded.Partnership;
        const string orjan = "Örjan Ärlig";
        p.SetNightWalkRate(2_400m);
        var associations = new[] { "Söderhamns IF", "Scouterna i Söderhamn", "Söderhamns Brottarklubb", "Equmeniaförsamlingen" };
        var night = 0;
        for (var day = seeded.Agreement.SignedOn!.Value.AddDays(1); day < today && day <= p.TermEnd; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Friday or DayOfWeek.Saturday) || night++ % 3 != 0)
            {
                continue; // about every third weekend night
            }

            var first = associations[night % associations.Length];
            var second = associations[(night + 1) % associations.Length];
            p.RecordNightWalk(day, night % 2 == 0 ? "Centrum" : "Stationsområdet och Hamnen", [new(first, 3 + night % 3), new(second, 2)], true, "Kim Lind", today);
        }

        p.MarkPaid(p.Payments[0].Id, seeded.Agreement.SignedOn!.Value.AddDays(14) < today ? seeded.Agreement.SignedOn!.Value.AddDays(14) : today, "VER 2026-0417", orjan, today);
        return seeded;
    }

    private static Seeded Sign(Case approved, CaseDecision decision, GuidelineRules rules, DateOnly today, TimeSpan offset, Terms t)
    {
        var year = today.Year;
        var decidedOn = decision.MeetingDate;
        var at = new DateTimeOffset(decidedOn.ToDateTime(new TimeOnly(9, 0)), offset);
        var (municipality, organisation) = (t.Municipality.Id, t.Organisation.Id);
        var a = Agreement.Draft(approved.Id, municipality, [municipality], [organisation], rules, t.Title, [t.Municipality, t.Organisation],
            Agreement.SectionsFrom(rules, new Dictionary<string, string>()), t.Facts, new DateOnly(year, 1, 1), new DateOnly(year + 1, 12, 31), at.AddDays(-60));
        foreach (var section in a.Content.Sections.Where(s => !Agreement.IsGenerated(s.Heading)))
        {
            a.EditSection(section.Number, Text(section.Heading));
        }

        foreach (var y in new[] { year, year + 1 })
        {
            foreach (var (party, label, category, inKind, calculation) in t.Lines(municipality, organisation, y))
            {
                a.SaveBudgetLine(new BudgetLine(Guid.CreateVersion7(), party, y, label, category, inKind, BudgetCalculation.Parse(calculation)));
            }
        }

        a.SetSteeringGroup(t.SteeringGroup);
        a.SetSignatories(t.Signatories);
        a.SendToDecision();
        a.Approve(Features.Agreements.AgreementService.ToAgreementDecision(decision));
        var signedOn = decidedOn.AddDays(10);
        if (rules.ConsultLegalAndFinance)
        {
            a.RecordConsultation(decidedOn.AddDays(5), "Kommunjuristen har granskat överenskommelsen.", "Ekonomienheten har granskat budgeten.", t.Official, today);
        }

        foreach (var s in a.Content.Signatories)
        {
            a.Sign(s.Id, signedOn, t.Official, today);
        }

        var version = new AgreementVersion(a, t.Official, at.AddDays(10), "Undertecknad av båda parter");
        return new(a, version, Partnership.Start(a, at.AddDays(10)));
    }

    /// <summary>The months since signing: meetings, the activity log, the grant paid, a quarterly follow-up.</summary>
    private static void RunUntil(Partnership p, DateOnly signedOn, DateOnly today, TimeSpan offset)
    {
        const string henrik = "Henrik Handläggare", ingrid = "Ingrid Idrottsson";
        var payment = p.Payments.First();
        var paidOn = signedOn.AddDays(14) < today ? signedOn.AddDays(14) : today;
        p.MarkPaid(payment.Id, paidOn, "VER " + paidOn.Year + "-0" + paidOn.Month + "17", henrik, today);

        var first = true;
        foreach (var date in p.MeetingSchedule().Where(d => d > signedOn && d < today))
        {
            var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(18, 0)), offset);
            IReadOnlyList<ProposedDecision> proposals = first
                ?
                [
                    new("Träningarna hålls måndag, onsdag och fredag 18–20 i Stenungsöns idrottshall.", []),
                    new("Föreningen köper en egen bollkanon för 45 000 kr ur verksamhetsstödet.", [new Objection("Maria Berg", "Ryms inte i budgeten för material (30 tkr).")]),
                ]
                : [new($"Verksamheten fortsätter enligt plan; nästa ordinarie möte {Domain.Formatting.Swedish.Date(date.AddMonths(1))}.", [])];
            p.RecordMeeting(date, MeetingKind.Ordinary, "Läget i verksamheten; ekonomin; kommande aktiviteter.",
                ["Henrik Handläggare", "Maria Berg", "Ingrid Idrottsson", "Johan Ek"], "Minnesanteckningar förs av föreningens kanslist.", proposals, henrik, at);
            first = false;
        }

        for (var week = (signedOn > p.TermStart ? signedOn : p.TermStart).AddDays(7); week < today && week <= p.TermEnd; week = week.AddDays(14))
        {
            p.LogActivity(week, "Öppna träningar, två veckor", null, new Dictionary<string, decimal>
            {
                ["Träningstillfällen"] = 6, ["Unika deltagare"] = 20 + week.DayOfYear % 9, ["Ideella ledartimmar"] = 18,
            }, ingrid, today);
        }

        var quarterEnd = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddDays(-1);
        if (quarterEnd > signedOn && quarterEnd.Year == p.TermStart.Year)
        {
            var quarter = (quarterEnd.Month - 1) / 3 + 1;
            p.SaveQuarterly(quarterEnd.Year, quarter, "Fler flickor än väntat kommer till fredagarna; styrgruppen föreslår en tjejkväll.", henrik, quarterEnd.AddDays(10) < today ? quarterEnd.AddDays(10) : today);
        }
    }

    private static string Text(string heading) => heading switch
    {
        var h when h.StartsWith("Bakgrund", StringComparison.Ordinal) =>
            "Många unga på Stenungsön är inte med i någon förening. Föreningen och kommunen vill tillsammans öppna idrottshallen tre kvällar i veckan med ledare från föreningen, utan krav på medlemskap.",
        "Värdegrund" => "Verksamheten är öppen för alla, avgiftsfri och bygger på föreningens värdegrund om allas lika värde och idrott på barnens och ungdomarnas villkor.",
        var h when h.StartsWith("Ansvarsfördelning", StringComparison.Ordinal) =>
            "Föreningen ansvarar för ledare, träningar och material. Kommunen ansvarar för lokaler och verksamhetsstöd och för kontakten med skolorna.",
        var h when h.StartsWith("Tid för avtal", StringComparison.Ordinal) =>
            "Överenskommelsen gäller i två år. Beslut om förlängning fattas senast tre månader före avtalstidens slut; dialogen om förlängning inleds nio månader före.",
        "Samverkansformer" => "Styrgruppen med två ledamöter från vardera part möts en gång i månaden och beslutar i enighet.",
        var h when h.StartsWith("Utvärdering", StringComparison.Ordinal) =>
            "Styrgruppen följer upp kvartalsvis. Föreningen lämnar årsuppföljning med resultat- och balansräkning, verksamhetsberättelse och nyckeltalen.",
        var h when h.StartsWith("Rutiner", StringComparison.Ordinal) || h.Contains("utbetalning", StringComparison.OrdinalIgnoreCase) =>
            "Verksamhetsstödet betalas ut en gång per år; andra året först när föregående års uppföljning är godkänd.",
        var h when h.StartsWith("Övrigt", StringComparison.Ordinal) || h.Contains("ansvar", StringComparison.OrdinalIgnoreCase) =>
            "Föreningen har försäkring för deltagarna och ledarna har lämnat utdrag ur belastningsregistret.",
        var h when h.Contains("mförhandling", StringComparison.Ordinal) =>
            "Vid väsentlig avvikelse från plan eller budget omförhandlas överenskommelsen. Medel som använts felaktigt kan krävas åter; överskott används till samma ändamål.",
        _ => "Enligt parternas överenskommelse.",
    };
}
