using Samverka.Domain.Agreements;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;

namespace Samverka.Domain.Partnerships;

/// <summary>A change of the steering group: who joined or left, for which party, from when, and why.</summary>
public sealed record SteeringChange(DateOnly On, string Member, Guid PartyId, bool Joined, string? Reason, string By);

public enum CalendarStatus
{
    Done = 1,
    Due = 2,
    Overdue = 3,
    Upcoming = 4,
}

/// <summary>One follow-up of the calendar: what, by when, and where it stands.</summary>
public sealed record CalendarItem(string Kind, string Text, DateOnly By, CalendarStatus Status, string? Detail = null);

/// <summary>The kinds of follow-up in the calendar, as shown.</summary>
public static class FollowUpKinds
{
    public const string Review = "Trepartssamtal";
    public const string Quarterly = "Kvartalsuppföljning";
    public const string Yearly = "Årsuppföljning";
}

public static class CalendarTexts
{
    public static string Swedish(this CalendarStatus status) => status switch
    {
        CalendarStatus.Done => "Klar",
        CalendarStatus.Due => "Ska göras nu",
        CalendarStatus.Overdue => "Försenad",
        _ => "Kommande",
    };
}

public sealed partial class Partnership
{
    /// <summary>Quarterly follow-ups are presented within a month of the quarter's end.</summary>
    public const int QuarterlyReportDays = 30;

    public IReadOnlyList<SteeringChange> SteeringChanges { get; private set; } = [];

    /// <summary>
    /// A new member of the steering group for a party, from a date. Earlier meetings keep the group
    /// they had; the change is kept with who made it.
    /// </summary>
    public void AddSteeringMember(Guid partyId, string? name, string? role, DateOnly? on, string actor, DateOnly today)
    {
        EnsureRunning();
        var party = Parties.FirstOrDefault(p => p.Id == partyId) ?? throw new DomainException("Välj vilken part ledamoten företräder.", "PartyId");
        var clean = Texts.Required(name, "Ange ledamotens namn.", "Name", 200);
        var day = ChangeDay(on, today);
        if (SteeringGroup.Any(m => string.Equals(m.Name, clean, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"{clean} sitter redan i styrgruppen.", "Name");
        }

        SteeringGroup = [.. SteeringGroup, new SteeringMember(party.Id, clean, Texts.Optional(role, "Role", 200))];
        SteeringChanges = [.. SteeringChanges, new SteeringChange(day, clean, party.Id, true, null, actor)];
    }

    /// <summary>A member leaves the steering group. Each party keeps at least one member, or no decision could be taken.</summary>
    public void RemoveSteeringMember(string? name, string? reason, DateOnly? on, string actor, DateOnly today)
    {
        EnsureRunning();
        var member = SteeringGroup.FirstOrDefault(m => m.Name == name) ?? throw new DomainException("Välj en ledamot i styrgruppen.", "Name");
        var day = ChangeDay(on, today);
        if (SteeringGroup.Count(m => m.PartyId == member.PartyId) == 1)
        {
            var party = Parties.First(p => p.Id == member.PartyId).Name;
            throw new DomainException($"{member.Name} är den enda ledamoten för {party}. Lägg till en ny ledamot först: varje part ska kunna vara med när styrgruppen beslutar.", "Name");
        }

        SteeringGroup = SteeringGroup.Where(m => m != member).ToList();
        SteeringChanges = [.. SteeringChanges, new SteeringChange(day, member.Name, member.PartyId, false, Texts.Optional(reason, "Reason", 500), actor)];
    }

    private DateOnly ChangeDay(DateOnly? on, DateOnly today)
    {
        if (on is not { } day || day < TermStart || day > TermEnd || day > today.AddDays(90))
        {
            throw new DomainException($"Ange från när ändringen gäller (inom avtalstiden, {Swedish.Date(TermStart)} – {Swedish.Date(TermEnd)}).", "On");
        }

        return day;
    }

    /// <summary>
    /// The follow-up calendar through the term: the tripartite review suggested each month once a
    /// person has been referred, the quarterly follow-up within a month of each quarter (from the
    /// quarter the partnership began in), and the yearly follow-up three months after each year,
    /// each done, due, overdue or upcoming.
    /// </summary>
    public IReadOnlyList<CalendarItem> FollowUpCalendar(DateOnly today)
    {
        CalendarStatus Status(bool done, DateOnly from, DateOnly by) =>
            done ? CalendarStatus.Done : by < today ? CalendarStatus.Overdue : from <= today ? CalendarStatus.Due : CalendarStatus.Upcoming;
        var items = new List<CalendarItem>();

        // Tripartite reviews follow each referral: suggested monthly from the first coordination meeting on.
        var firstReferral = Coordination.Count == 0 ? (DateOnly?)null : Coordination.Min(c => c.Date);
        for (var month = firstReferral is { } f ? new DateOnly(f.Year, f.Month, 1) : TermEnd.AddDays(1); month <= TermEnd; month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1);
            var held = Reviews.Where(r => r.Date >= month && r.Date <= last).OrderBy(r => r.Date).FirstOrDefault();
            items.Add(new(FollowUpKinds.Review, $"Trepartssamtal {month:yyyy-MM}", last > TermEnd ? TermEnd : last, Status(held is not null, month, last),
                held is null ? null : $"Hölls {Swedish.Date(held.Date)}"));
        }

        foreach (var (year, quarter, last, by, report) in FollowedQuarters())
        {
            var presented = report is { PresentedToCommittee: not null, PresentedToBoard: not null };
            items.Add(new(FollowUpKinds.Quarterly, $"Kvartalsuppföljning kvartal {quarter} {year}", by, Status(presented, last, by),
                report is null ? null : presented ? "Presenterad för nämnden och styrelsen" : "Sparad, inte presenterad för både nämnden och styrelsen"));
        }

        for (var year = TermStart.Year; year <= TermEnd.Year; year++)
        {

            var yearly = FollowUps.FirstOrDefault(f => f.Year == year);
            var due = FollowUpDue(year);
            items.Add(new(FollowUpKinds.Yearly, $"Årsuppföljning {year}", due, Status(yearly?.Assessment == Assessment.Approved, year == TermEnd.Year ? TermEnd : new DateOnly(year, 12, 31), due),
                yearly is null ? null : yearly.Assessment switch
                {
                    Assessment.Approved => $"Godkänd {Swedish.Date(yearly.AssessedOn!.Value)}",
                    Assessment.NeedsCompletion => "Behöver kompletteras",
                    _ => $"Inlämnad {Swedish.Date(yearly.SubmittedOn)}, väntar på bedömning",
                }));
        }

        return items.OrderBy(i => i.By).ThenBy(i => i.Kind, StringComparer.Ordinal).ToList();
    }
}
