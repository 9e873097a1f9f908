using Samverka.Domain.Common;
using Samverka.Domain.Municipalities;

namespace Samverka.Domain.Guidelines;

/// <summary>
/// One version of a municipality's IOP guidelines. Versions are never edited: a change is a
/// new version, so every case keeps the rules it was judged under.
/// </summary>
public sealed class Guideline : Entity, IAudited, IMunicipalityOwned
{
    private Guideline() { }

    private Guideline(Guid municipalityId, int number, string title, DateOnly adoptedOn, string? decisionReference, GuidelineRules rules)
    {
        MunicipalityId = municipalityId;
        Number = number;
        Title = title;
        AdoptedOn = adoptedOn;
        DecisionReference = decisionReference;
        Rules = rules;
    }

    public Guid MunicipalityId { get; private set; }

    /// <summary>1, 2, 3, … per municipality.</summary>
    public int Number { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>When the guidelines were adopted or last reviewed (aktualitetsprövade).</summary>
    public DateOnly AdoptedOn { get; private set; }

    /// <summary>The decision behind them, e.g. "KF 2023-11-30 § 145".</summary>
    public string? DecisionReference { get; private set; }

    public GuidelineRules Rules { get; private set; } = new();

    /// <summary>The first version of a municipality's guidelines.</summary>
    public static Guideline First(Guid municipalityId, string title, DateOnly adoptedOn, string? decisionReference, GuidelineRules rules) =>
        new(municipalityId, 1, Check(title), adoptedOn, Clean(decisionReference),
            (rules ?? throw new DomainException("Ange riktlinjernas regler.", nameof(Rules))).Validated());

    /// <summary>A new version after this one: changed rules, or the same rules reviewed again (which restarts the review clock).</summary>
    public Guideline Revise(string title, DateOnly adoptedOn, string? decisionReference, GuidelineRules rules)
    {
        if (adoptedOn < AdoptedOn)
        {
            throw new DomainException($"En ny version kan inte vara antagen före den nuvarande ({AdoptedOn:yyyy-MM-dd}).", nameof(AdoptedOn));
        }

        return new(MunicipalityId, Number + 1, Check(title), adoptedOn, Clean(decisionReference),
            (rules ?? throw new DomainException("Ange riktlinjernas regler.", nameof(Rules))).Validated());
    }

    /// <summary>Where the once-per-mandate-period review stands on <paramref name="today"/>.</summary>
    public GuidelineReview Review(DateOnly today) => GuidelineReview.For(AdoptedOn, today);

    private static string Check(string title)
    {
        title = (title ?? "").Trim();
        return title.Length is < 3 or > 200 ? throw new DomainException("Ange riktlinjernas rubrik.", nameof(Title)) : title;
    }

    private static string? Clean(string? value)
    {
        var text = Texts.Trimmed(value);
        return text is { Length: > 200 } ? throw new DomainException("Beslutsreferensen får vara högst 200 tecken.", nameof(DecisionReference)) : text;
    }
}

public enum ReviewStatus
{
    /// <summary>Reviewed in the current mandate period.</summary>
    Current = 1,

    /// <summary>Not yet reviewed in the current mandate period; due by its end.</summary>
    Due = 2,

    /// <summary>A whole mandate period passed without a review.</summary>
    Overdue = 3,
}

/// <summary>
/// Guidelines are reviewed once per mandate period (both seeds). Reviewed or adopted in one
/// period, they are due for review in the next, by its last day; a period without review makes
/// them overdue.
/// </summary>
public sealed record GuidelineReview(ReviewStatus Status, MandatePeriod DuePeriod, DateOnly DueBy)
{
    public static GuidelineReview For(DateOnly lastReviewed, DateOnly today)
    {
        var reviewedIn = MandatePeriod.Containing(lastReviewed);
        var current = MandatePeriod.Containing(today);
        if (current.ElectionYear == reviewedIn.ElectionYear)
        {
            return new(ReviewStatus.Current, current.Next, current.Next.End);
        }

        var due = reviewedIn.Next;
        return new(today > due.End ? ReviewStatus.Overdue : ReviewStatus.Due, due, due.End);
    }

    public string Swedish => Status switch
    {
        ReviewStatus.Current => $"Översedda under innevarande mandatperiod. Nästa översyn under {DuePeriod}.",
        ReviewStatus.Due => $"Ska ses över under mandatperioden {DuePeriod}, senast {DueBy:yyyy-MM-dd}.",
        _ => $"Översynen är försenad: den skulle ha gjorts under mandatperioden {DuePeriod} (senast {DueBy:yyyy-MM-dd}).",
    };
}
