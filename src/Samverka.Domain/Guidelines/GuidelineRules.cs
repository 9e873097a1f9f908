using Samverka.Domain.Common;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;

namespace Samverka.Domain.Guidelines;

/// <summary>Who decides on a partnership under the guidelines.</summary>
public enum DecidingBodyRule
{
    /// <summary>Always kommunstyrelsen (Stenungsund).</summary>
    ExecutiveBoard = 1,

    /// <summary>The committee whose remit the activity falls in; kommunstyrelsen when it spans several committees or municipalities (Söderhamn).</summary>
    CommitteeByRemit = 2,
}

/// <summary>How often something recurs (payments, follow-ups).</summary>
public enum Interval
{
    Yearly = 1,
    HalfYearly = 2,
    Quarterly = 3,
    Monthly = 4,
}

public static class IntervalTexts
{
    /// <summary>How often, in Swedish: "en gång per år".</summary>
    public static string Swedish(this Interval interval) => interval switch
    {
        Interval.Yearly => "en gång per år",
        Interval.HalfYearly => "två gånger per år",
        Interval.Quarterly => "en gång per kvartal",
        _ => "en gång per månad",
    };
}

/// <summary>A legal form the guidelines accept, and whether it needs a case-by-case justification.</summary>
public sealed record AcceptedLegalForm(LegalForm Form, bool CaseByCase = false);

/// <summary>
/// A municipality's IOP guidelines as data: what must hold before a partnership, what the
/// organisation hands in, how long an agreement may run, when renewal starts, who decides.
/// Immutable: a change is a new <see cref="Guideline"/> version.
/// </summary>
public sealed record GuidelineRules
{
    public IReadOnlyList<string> Criteria { get; init; } = [];
    public IReadOnlyList<string> RequiredDocuments { get; init; } = [];
    public IReadOnlyList<AcceptedLegalForm> LegalForms { get; init; } = [];

    /// <summary>The vision or focus areas an activity must serve (Vision 2035; Lärande, Växtkraft, Goda livsmiljöer).</summary>
    public IReadOnlyList<string> VisionOrFocusAreas { get; init; } = [];

    /// <summary>The sections every agreement must have, in order (Stenungsund's twelve by default).</summary>
    public IReadOnlyList<string> AgreementSections { get; init; } = [];

    /// <summary>What the municipality's remit covers (the activity must fall within it and follow Swedish law).</summary>
    public string? Remit { get; init; }

    /// <summary>The municipality's standard text on renegotiation, repayment and surplus, prefilled into every agreement.</summary>
    public string? RepaymentClause { get; init; }

    public int MaxTermYears { get; init; } = 5;
    public bool ExtensionAllowed { get; init; }

    /// <summary>Start the renewal dialogue this many months before the agreement ends (Stenungsund: 9).</summary>
    public int? RenewalDialogueMonthsBefore { get; init; }

    /// <summary>Renew at the latest this many months before it ends (Stenungsund: 3).</summary>
    public int? RenewLatestMonthsBefore { get; init; }

    public Interval PaymentInterval { get; init; } = Interval.Yearly;
    public Interval MinimumFollowUp { get; init; } = Interval.Yearly;

    /// <summary>A payment is made only after the follow-up it depends on is approved (Stenungsund).</summary>
    public bool FollowUpGatesPayment { get; init; }

    public DecidingBodyRule DecidingBody { get; init; } = DecidingBodyRule.ExecutiveBoard;

    /// <summary>Legal and finance functions are consulted before signing (Söderhamn).</summary>
    public bool ConsultLegalAndFinance { get; init; }

    /// <summary>An organisation paid under an IOP may not be paid for the same activity by another committee (Söderhamn).</summary>
    public bool DoubleFundingBanned { get; init; }

    /// <summary>The initiative must come from an organisation that already does similar work (Stenungsund).</summary>
    public bool RequiresExistingSimilarActivity { get; init; }

    /// <summary>The activity may also grow out of a dialogue between the parties (Söderhamn).</summary>
    public bool InitiativeMayComeFromDialogue { get; init; }

    /// <summary>Refuses rules that cannot be applied, with a Swedish reason naming the field.</summary>
    public GuidelineRules Validated()
    {
        if (!Enum.IsDefined(DecidingBody))
        {
            throw new DomainException("Välj vem som beslutar.", nameof(DecidingBody));
        }

        if (!Enum.IsDefined(PaymentInterval))
        {
            throw new DomainException("Välj hur ofta utbetalning sker.", nameof(PaymentInterval));
        }

        if (!Enum.IsDefined(MinimumFollowUp))
        {
            throw new DomainException("Välj hur ofta uppföljning sker.", nameof(MinimumFollowUp));
        }

        if ((LegalForms ?? []).Any(f => f is null || !Enum.IsDefined(f.Form)))
        {
            throw new DomainException("Okänd associationsform.", nameof(LegalForms));
        }

        if (Clean(Criteria).Count == 0)
        {
            throw new DomainException("Ange minst ett kriterium, ett per rad.", nameof(Criteria));
        }

        if (MaxTermYears is < 1 or > 10)
        {
            throw new DomainException("Den längsta avtalstiden ska vara 1–10 år.", nameof(MaxTermYears));
        }

        if (RenewalDialogueMonthsBefore is < 0 or > 36)
        {
            throw new DomainException("Förnyelsedialogen kan börja 0–36 månader före avtalets slut.", nameof(RenewalDialogueMonthsBefore));
        }

        if (RenewLatestMonthsBefore is < 0 or > 36)
        {
            throw new DomainException("Senaste förnyelse kan vara 0–36 månader före avtalets slut.", nameof(RenewLatestMonthsBefore));
        }

        if (RenewalDialogueMonthsBefore is { } dialogue && RenewLatestMonthsBefore is { } latest && dialogue < latest)
        {
            throw new DomainException("Förnyelsedialogen måste börja före den senaste tidpunkten för förnyelse.", nameof(RenewalDialogueMonthsBefore));
        }

        if ((LegalForms ?? []).Count == 0)
        {
            throw new DomainException("Ange minst en associationsform som godtas.", nameof(LegalForms));
        }

        if (Clean(AgreementSections).Count == 0)
        {
            throw new DomainException("Ange överenskommelsens avsnitt, ett per rad.", nameof(AgreementSections));
        }

        return this with
        {
            Criteria = Clean(Criteria, nameof(Criteria), "kriterier"),
            RequiredDocuments = Clean(RequiredDocuments, nameof(RequiredDocuments), "handlingar"),
            VisionOrFocusAreas = Clean(VisionOrFocusAreas, nameof(VisionOrFocusAreas), "visioner eller fokusområden"),
            AgreementSections = Clean(AgreementSections, nameof(AgreementSections), "avsnitt"),
            LegalForms = LegalForms!.DistinctBy(f => f.Form).ToList(),
            Remit = Texts.Trimmed(Remit),
            RepaymentClause = string.IsNullOrWhiteSpace(RepaymentClause) ? null
                : RepaymentClause.Trim().Length > 5000 ? throw new DomainException("Högst 5 000 tecken.", nameof(RepaymentClause)) : RepaymentClause.Trim(),
        };
    }

    private static List<string> Clean(IEnumerable<string?>? lines) =>
        (lines ?? []).Select(Texts.Trimmed).OfType<string>().Distinct().ToList();

    /// <summary>A list of the guideline's lines: at most 60, each at most 500 characters.</summary>
    private static List<string> Clean(IEnumerable<string?>? lines, string field, string what)
    {
        var clean = Clean(lines);
        Texts.AtMost(clean.Count, 60, field, what);
        return clean.Any(l => l.Length > 500) ? throw new DomainException("Högst 500 tecken per rad.", field) : clean;
    }

    /// <summary>Whether the legal form is accepted, and if so whether only case by case.</summary>
    public AcceptedLegalForm? Accepts(LegalForm form) => LegalForms.FirstOrDefault(f => f.Form == form);

    /// <summary>Refuses a term longer than the guidelines allow (an agreement may be shorter).</summary>
    public void CheckTerm(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new DomainException("Avtalet kan inte sluta innan det börjar.", "End");
        }

        if (end >= start.AddYears(MaxTermYears))
        {
            throw new DomainException(
                $"Riktlinjerna tillåter högst {MaxTermYears} år per överenskommelse{(ExtensionAllowed ? " (med möjlighet till förlängning)" : "")}; " +
                $"sista dag kan vara {start.AddYears(MaxTermYears).AddDays(-1):yyyy-MM-dd}.", "End");
        }
    }

    /// <summary>When the renewal dialogue should start, if the guidelines say.</summary>
    public DateOnly? RenewalDialogueStarts(DateOnly agreementEnd) =>
        RenewalDialogueMonthsBefore is { } months ? Deadlines.WorkingDays.OnOrAfter(agreementEnd.AddMonths(-months)) : null;

    /// <summary>The last day to renew, if the guidelines say.</summary>
    public DateOnly? RenewLatest(DateOnly agreementEnd) =>
        RenewLatestMonthsBefore is { } months ? Deadlines.WorkingDays.OnOrAfter(agreementEnd.AddMonths(-months)) : null;
}

/// <summary>The outcome of deriving who decides, with the reason shown to the user.</summary>
public sealed record DecidingBodyChoice(Guid CommitteeId, string CommitteeName, string Reason);

public static class DecidingBodies
{
    /// <summary>
    /// Who decides, by the guideline's rule. <paramref name="committeesInRemit"/> are the
    /// committees whose remit the activity falls in; <paramref name="municipalityCount"/> how
    /// many municipalities take part.
    /// </summary>
    public static DecidingBodyChoice Derive(this GuidelineRules rules, Committee executiveBoard,
        IReadOnlyCollection<Committee> committeesInRemit, int municipalityCount = 1)
    {
        if (!executiveBoard.IsExecutiveBoard)
        {
            throw new ArgumentException("Not the executive board.", nameof(executiveBoard));
        }

        if (rules.DecidingBody == DecidingBodyRule.ExecutiveBoard)
        {
            return new(executiveBoard.Id, executiveBoard.Name, "Enligt riktlinjerna beslutar kommunstyrelsen om alla IOP.");
        }

        if (municipalityCount > 1)
        {
            return new(executiveBoard.Id, executiveBoard.Name, "Partnerskapet berör flera kommuner; då ansvarar kommunstyrelsen.");
        }

        var committees = committeesInRemit.DistinctBy(c => c.Id).ToList();
        return committees.Count switch
        {
            0 => throw new DomainException("Ange vilken nämnds ansvarsområde verksamheten hör till.", "Committees"),
            1 => new(committees[0].Id, committees[0].Name, $"Verksamheten ligger inom {committees[0].Name.ToLowerInvariant()}s ansvarsområde."),
            _ => new(executiveBoard.Id, executiveBoard.Name,
                $"Verksamheten berör flera nämnder ({string.Join(", ", committees.Select(c => c.Name.ToLowerInvariant()))}); då ansvarar kommunstyrelsen."),
        };
    }
}
