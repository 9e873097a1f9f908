using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;

namespace Samverka.Domain.Deadlines;

/// <summary>What a reminder is about: the unit a person turns reminders on or off for.</summary>
public enum ReminderKind
{
    Meeting = 1,
    FollowUp = 2,
    Payment = 3,
    Renewal = 4,
    Decision = 5,
    GuidelineReview = 6,

    /// <summary>For the municipal administrator: something in the municipality is late.</summary>
    Escalation = 7,

    /// <summary>Day notes about participants reach the end of their retention period and are deleted.</summary>
    Retention = 8,

    /// <summary>Someone joined or left the team that sees a partnership's personal data.</summary>
    TeamChange = 9,
}

/// <summary>When a person is told about a deadline: before it (the lead time, or as soon as it arises), on the day, or once it is late.</summary>
public enum Occasion
{
    Before = 1,
    OnDay = 2,
    Late = 3,
}

/// <summary>How a person wants one kind of reminder: not at all, only in Samverka's inbox, by e-mail at once, or by e-mail in a daily summary.</summary>
public enum Delivery
{
    Off = 0,
    InboxOnly = 1,
    Immediately = 2,
    Digest = 3,
}

/// <summary>Who must act on a deadline. A partnership's team acts for the municipality; the organisation's representatives for it.</summary>
[Flags]
public enum Actors
{
    None = 0,
    Team = 1,
    Organisation = 2,
    Committee = 4,
    MunicipalAdministrators = 8,
}

/// <summary>
/// Something dated that someone must do: the partnership's obligations, a case waiting for its
/// decision, the guidelines' review. <see cref="Key"/> is stable for the deadline's life (it is
/// the reminders' and the calendar events' identity); <see cref="AnnounceFrom"/>, when set, is the
/// day it is told as soon as it arises rather than a lead time before <see cref="By"/>.
/// </summary>
public sealed record Deadline(string Key, ReminderKind Kind, Actors Actors, Guid MunicipalityId, string Title, string Text, DateOnly By, string Link,
    DateOnly? AnnounceFrom = null, Guid? PartnershipId = null, Guid? CommitteeId = null);

public static class Reminders
{
    public const int DefaultLeadDays = 7;
    public const int MaxLeadDays = 60;

    /// <summary>The reminder due on <paramref name="today"/>: late after the day, on the day, before it from the lead time (or from when it is announced); none earlier.</summary>
    public static Occasion? OccasionOn(DateOnly today, DateOnly by, int leadDays, DateOnly? announceFrom = null)
    {
        if (today > by)
        {
            return Occasion.Late;
        }

        if (today == by)
        {
            return Occasion.OnDay;
        }

        var from = by.AddDays(-Math.Clamp(leadDays, 0, MaxLeadDays));
        if (announceFrom is { } announced && announced < from)
        {
            from = announced;
        }

        return today >= from ? Occasion.Before : null;
    }

    /// <summary>The kind of reminder an obligation gives.</summary>
    public static ReminderKind KindOf(DueKind kind) => kind switch
    {
        DueKind.Meeting => ReminderKind.Meeting,
        DueKind.YearlyFollowUp or DueKind.QuarterlyFollowUp or DueKind.TripartiteReview => ReminderKind.FollowUp,
        DueKind.Payment => ReminderKind.Payment,
        _ => ReminderKind.Renewal,
    };

    /// <summary>
    /// Who acts on an obligation: the committee on what comes before it; the organisation together
    /// with the team on meetings and reports (the steering group has both parties); the
    /// municipality's team alone on payments, renewal and the tripartite reviews it convenes.
    /// </summary>
    public static Actors ActorsOf(DueKind kind, Audience audience) => audience == Audience.Committee
        ? Actors.Committee
        : kind is DueKind.Meeting or DueKind.YearlyFollowUp or DueKind.QuarterlyFollowUp ? Actors.Team | Actors.Organisation : Actors.Team;

    /// <summary>
    /// Of what the organisation is told about, what it does itself in Samverka: the yearly report.
    /// The steering group's meetings and quarterly reports are recorded by the municipality, so for
    /// the organisation they are information, not tasks.
    /// </summary>
    public static bool OrganisationActsOn(DueKind kind) => kind == DueKind.YearlyFollowUp;

    /// <summary>The default delivery of a kind: the administrator's overview of what is late comes as a summary, everything else at once.</summary>
    public static Delivery DefaultDelivery(ReminderKind kind) => kind == ReminderKind.Escalation ? Delivery.Digest : Delivery.Immediately;

    /// <summary>The subject line of a reminder, in Swedish: what, and how it stands on the occasion.</summary>
    public static string Subject(Occasion occasion, string title, DateOnly by) => occasion switch
    {
        Occasion.Before => $"{title} – senast {Formatting.Swedish.Date(by)}",
        Occasion.OnDay => $"{title} – i dag",
        _ => $"Försenat: {title} (skulle ha gjorts {Formatting.Swedish.Date(by)})",
    };

    /// <summary>The escalation's subject: the late deadline, for the one who oversees the municipality.</summary>
    public static string EscalationSubject(string title, DateOnly by) => $"Försenat i kommunen: {title} (senast {Formatting.Swedish.Date(by)})";

    public static string Swedish(this ReminderKind kind) => kind switch
    {
        ReminderKind.Meeting => "Styrgruppsmöten",
        ReminderKind.FollowUp => "Uppföljningar",
        ReminderKind.Payment => "Utbetalningar",
        ReminderKind.Renewal => "Förnyelse och förlängning",
        ReminderKind.Decision => "Ärenden som väntar på beslut",
        ReminderKind.GuidelineReview => "Översyn av riktlinjerna",
        ReminderKind.Retention => "Gallring av daganteckningar",
        ReminderKind.TeamChange => "Ändringar i teamet",
        _ => "Försenat i kommunen",
    };

    public static string Swedish(this Delivery delivery) => delivery switch
    {
        Delivery.Off => "Av",
        Delivery.InboxOnly => "Bara i Samverka",
        Delivery.Immediately => "E-post direkt",
        _ => "E-post i en daglig sammanfattning",
    };

    /// <summary>
    /// A case in the decision step is due for its decision before its term starts (a partnership
    /// cannot start undecided), or 60 days after it was sent when no term is given; its committee
    /// is told when it arrives.
    /// </summary>
    public static DateOnly DecisionDue(DateOnly sentOn, DateOnly? termStart) =>
        termStart is { } start && start.AddDays(-1) > sentOn ? start.AddDays(-1) : sentOn.AddDays(60);
}
