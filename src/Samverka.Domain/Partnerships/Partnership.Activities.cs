using Samverka.Domain.Common;
using Samverka.Domain.Formatting;

namespace Samverka.Domain.Partnerships;

/// <summary>An entry of the activity log: what was done on a day, and what it adds to the agreement's key figures.</summary>
public sealed record ActivityEntry(Guid Id, DateOnly Date, string Title, string? Description, IReadOnlyDictionary<string, decimal> Figures, string RecordedBy) : IPartnershipRecord
{
    public Guid Version { get; set; }
}

/// <summary>The walkers one association sent out on a night: a count, never names.</summary>
public sealed record WalkGroup(string Association, int Walkers);

/// <summary>A night walked: where, and how many adults from which associations.</summary>
public sealed record NightWalk(Guid Id, DateOnly Date, string Area, IReadOnlyList<WalkGroup> Groups, string RecordedBy) : IPartnershipRecord
{
    public Guid Version { get; set; }
}

/// <summary>One line of the open account of night walks: what an association walked and received.</summary>
public sealed record WalkPayout(string Association, int Nights, int WalkerNights, decimal Amount);

public sealed partial class Partnership
{
    /// <summary>The key figure the yearly follow-up derives from the night walks when the agreement does not name it itself.</summary>
    public const string NightsWalked = "Nätter vandrade";

    /// <summary>
    /// Logs an activity. Its figures count towards the key figures the agreement names, and only
    /// those: a figure the agreement does not follow up is refused so that the yearly sums stay comparable.
    /// </summary>
    public ActivityEntry LogActivity(DateOnly? date, string? title, string? description, IReadOnlyDictionary<string, decimal>? figures, string actor, DateOnly today)
    {
        EnsureRunning();
        Texts.AtMost(figures?.Count ?? 0, 40, "Figures", "nyckeltal");
        var day = InTermUntilToday(date, today, "Date");
        var named = KeyFigureNames.ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);
        var clean = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, value) in figures ?? new Dictionary<string, decimal>())
        {
            if (value == 0)
            {
                continue;
            }

            if (!named.TryGetValue(name.Trim(), out var canonical))
            {
                throw new DomainException(KeyFigureNames.Count == 0
                    ? "Överenskommelsen anger inga nyckeltal att följa upp."
                    : $"”{name}” är inget av överenskommelsens nyckeltal ({string.Join(", ", KeyFigureNames)}).", "Figures");
            }

            if (value < 0)
            {
                throw new DomainException($"{canonical} kan inte vara negativt.", "Figures");
            }

            clean[canonical] = value;
        }

        var entry = new ActivityEntry(Guid.CreateVersion7(), day,
            Texts.Required(title, "Ange vad aktiviteten var.", "Title", 200),
            Texts.Optional(description, "Description", 4000), clean, actor);
        Activities = [.. Activities, entry];
        return entry;
    }

    /// <summary>The activity log's sums of each key figure the agreement names, for one year.</summary>
    public IReadOnlyDictionary<string, decimal> KeyFigureTotals(int year) =>
        KeyFigureNames.ToDictionary(n => n, n => Activities.Where(a => a.Date.Year == year).Sum(a => a.Figures.TryGetValue(n, out var v) ? v : 0));

    /// <summary>The agreed rate per association and night walked (the budget's “80 nätter × 2 400 kr”).</summary>
    public void SetNightWalkRate(decimal? rate)
    {
        EnsureRunning();
        if (rate is not > 0 || rate > 1_000_000)
        {
            throw new DomainException("Ange ersättningen per natt i kronor.", "Rate");
        }

        NightWalkRate = decimal.Round(rate.Value, 2);
    }

    /// <summary>
    /// A night walked: the area and how many walkers each association sent. Walkers are adults
    /// (over 18), which the coordinator confirms; no names are kept.
    /// </summary>
    public NightWalk RecordNightWalk(DateOnly? date, string? area, IReadOnlyList<WalkGroup>? groups, bool allAdults, string actor, DateOnly today)
    {
        EnsureRunning();
        Texts.AtMost(groups?.Count ?? 0, 50, "Groups", "föreningar per natt");
        if (NightWalkRate is null)
        {
            throw new DomainException("Ange först ersättningen per natt som parterna kommit överens om.", "Rate");
        }

        var day = InTermUntilToday(date, today, "Date");
        var where = Texts.Required(area, "Ange var vandringen gick.", "Area", 200);
        var walked = (groups ?? []).Where(g => !string.IsNullOrWhiteSpace(g.Association) || g.Walkers != 0).ToList();
        if (walked.Count == 0)
        {
            throw new DomainException("Ange minst en förening och hur många som vandrade.", "Groups");
        }

        var clean = new List<WalkGroup>();
        foreach (var g in walked)
        {
            var name = Texts.Required(g.Association, "Ange föreningens namn.", "Groups", 200);
            if (g.Walkers is < 1 or > 100)
            {
                throw new DomainException($"Ange hur många från {name} som vandrade (1–100).", "Groups");
            }

            if (clean.Any(c => string.Equals(c.Association, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new DomainException($"{name} står med två gånger; lägg ihop vandrarna.", "Groups");
            }

            clean.Add(new WalkGroup(name, g.Walkers));
        }

        if (!allAdults)
        {
            throw new DomainException("Nattvandrare ska vara vuxna, över 18 år. Bekräfta att alla var det.", "AllAdults");
        }

        if (NightWalks.Any(n => n.Date == day && string.Equals(n.Area, where, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"Natten {Swedish.Date(day)} i {where} är redan registrerad.", "Date");
        }

        var walk = new NightWalk(Guid.CreateVersion7(), day, where, clean, actor);
        NightWalks = [.. NightWalks, walk];
        return walk;
    }

    /// <summary>
    /// The coordinating organisation's open account: each association is paid the agreed rate for
    /// every night it walked. Counts and money only, so it can be published.
    /// </summary>
    public IReadOnlyList<WalkPayout> NightWalkAccount(int? year = null)
    {
        var rate = NightWalkRate ?? 0;
        return NightWalks.Where(n => year is null || n.Date.Year == year)
            .SelectMany(n => n.Groups.Select(g => (n.Date, g.Association, g.Walkers)))
            .GroupBy(x => x.Association, StringComparer.OrdinalIgnoreCase)
            .Select(g => new WalkPayout(g.First().Association, g.Select(x => x.Date).Distinct().Count(), g.Sum(x => x.Walkers), g.Select(x => x.Date).Distinct().Count() * rate))
            .OrderByDescending(p => p.Amount).ThenBy(p => p.Association, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), false))
            .ToList();
    }

    private DateOnly InTermUntilToday(DateOnly? date, DateOnly today, string field)
    {
        if (date is not { } day || day < TermStart || day > TermEnd || day > today)
        {
            throw new DomainException($"Ange ett datum inom avtalstiden ({Swedish.Date(TermStart)} – {Swedish.Date(TermEnd)}) och inte i framtiden.", field);
        }

        return day;
    }
}
