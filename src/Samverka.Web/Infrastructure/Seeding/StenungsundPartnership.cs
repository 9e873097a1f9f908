using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Partnerships;

namespace Samverka.Web.Infrastructure.Seeding;

/// <summary>
/// A running demo partnership: Stenungsunds Idrottsförening's open sports on Stenungsön, decided by
/// kommunstyrelsen, agreed for this year and next, signed shortly after the decision. The steering
/// group has met monthly since (one proposal blocked by an objection), the activity log carries the
/// agreement's key figures, this year's grant is paid and next year's waits for the yearly follow-up,
/// as Stenungsund's guidelines require. Everything is dated relative to today, so the dashboard
/// always has something due.
/// </summary>
public static class StenungsundPartnership
{
    public const string Title = "Idéburet offentligt partnerskap om spontanidrott på Stenungsön";

    public static readonly IReadOnlyList<string> KeyFigures = ["Träningstillfällen", "Unika deltagare", "Ideella ledartimmar"];

    public sealed record Seeded(Agreement Agreement, AgreementVersion Version, Partnership Partnership);

    public static Seeded Build(Case approved, CaseDecision decision, GuidelineRules rules, Guid municipality, Guid organisation, DateOnly today, TimeSpan offset)
    {
        var year = today.Year;
        var municipalityParty = new AgreementParty(municipality, PartyKind.Municipality, "Stenungsunds kommun", null);
        var clubParty = new AgreementParty(organisation, PartyKind.Organisation, "Stenungsunds Idrottsförening", "802435-6787");
        var decidedOn = decision.MeetingDate;
        var at = new DateTimeOffset(decidedOn.ToDateTime(new TimeOnly(9, 0)), offset);
        var a = Agreement.Draft(approved.Id, municipality, [municipality], [organisation], rules, Title,
            [municipalityParty, clubParty], Agreement.SectionsFrom(rules, new Dictionary<string, string>()),
            new AgreementFacts
            {
                TargetGroup = "Unga som inte är med i någon förening", AgeFrom = 12, AgeTo = 19, DecidingCommittee = "Kommunstyrelsen",
                ResponsibleOffice = "kultur- och fritidsförvaltningen", ResponsiblePerson = "Henrik Handläggare",
                FollowUpForms = "Styrgruppen följer upp varje kvartal; föreningen lämnar en årsuppföljning senast tre månader efter året.",
                KeyFigures = KeyFigures,
            },
            new DateOnly(year, 1, 1), new DateOnly(year + 1, 12, 31), at.AddDays(-60));
        foreach (var section in a.Content.Sections.Where(s => !Agreement.IsGenerated(s.Heading)))
        {
            a.EditSection(section.Number, Text(section.Heading));
        }

        foreach (var y in new[] { year, year + 1 })
        {
            BudgetLine Line(Guid party, string label, BudgetCategory category, bool inKind, string calculation) =>
                new(Guid.CreateVersion7(), party, y, label, category, inKind, BudgetCalculation.Parse(calculation));
            a.SaveBudgetLine(Line(municipality, "Verksamhetsstöd", BudgetCategory.OperatingGrant, false, "600 tkr"));
            a.SaveBudgetLine(Line(municipality, "Hallhyra, kommunens lokaler", BudgetCategory.Premises, true, "40 veckor × 1 200 kr"));
            a.SaveBudgetLine(Line(organisation, "Ideella ledare", BudgetCategory.Volunteers, true, "40 veckor × 9 tim × 150 kr"));
            a.SaveBudgetLine(Line(organisation, "Tränare, timanställda", BudgetCategory.Staff, false, "40 veckor × 6 tim × 320 kr"));
            a.SaveBudgetLine(Line(organisation, "Bollar, västar och första hjälpen", BudgetCategory.Material, false, "30 tkr"));
        }

        a.SetSteeringGroup([new(municipality, "Henrik Handläggare", "handläggare"), new(municipality, "Maria Berg", "fritidschef"),
            new(organisation, "Ingrid Idrottsson", "kanslist"), new(organisation, "Johan Ek", "ordförande")]);
        a.SetSignatories([new(Guid.Empty, municipality, "Anders Holm", "Kommunstyrelsens ordförande"), new(Guid.Empty, organisation, "Johan Ek", "Ordförande")]);
        a.SendToDecision();
        a.Approve(Features.Agreements.AgreementService.ToAgreementDecision(decision));
        var signedOn = decidedOn.AddDays(10);
        foreach (var s in a.Content.Signatories)
        {
            a.Sign(s.Id, signedOn, "Henrik Handläggare", today);
        }

        var version = new AgreementVersion(a, "Henrik Handläggare", at.AddDays(10), "Undertecknad av båda parter");
        var p = Partnership.Start(a, at.AddDays(10));
        RunUntil(p, signedOn, today, offset);
        return new(a, version, p);
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
