using Samverka.Domain.Common;

namespace Samverka.Domain.Partnerships;

/// <summary>
/// A record of a running partnership kept in a table of its own (a meeting, a payment, a
/// follow-up, an activity …): its own id, its own version and its own audit entries, so two
/// people changing different records never collide and an entry does not grow with the history.
/// See docs/decisions/0012-partnership-records-in-their-own-tables.md.
/// </summary>
public interface IPartnershipRecord : IVersioned, IAudited
{
    Guid Id { get; }
}

/// <summary>The kinds of record a partnership has; a change or a page reads only the kinds it needs.</summary>
[Flags]
public enum RecordKinds
{
    None = 0,
    Meetings = 1,
    Payments = 2,
    FollowUps = 4,
    Quarterly = 8,
    Coordination = 16,
    Reviews = 32,
    Usage = 64,
    Claims = 128,
    Surpluses = 256,
    Activities = 512,
    NightWalks = 1024,
    All = 2047,
}

public sealed partial class Partnership
{
    /// <summary>
    /// Hands the partnership the records read from the store; kinds not given stay as they are
    /// (empty when not read). Rules read only the kinds the caller loaded, so every change names
    /// the kinds its rules need.
    /// </summary>
    public void Load(
        IReadOnlyList<SteeringMeeting>? meetings = null, IReadOnlyList<Payment>? payments = null, IReadOnlyList<YearlyFollowUp>? followUps = null,
        IReadOnlyList<QuarterlyReport>? quarterly = null, IReadOnlyList<CoordinationMeeting>? coordination = null, IReadOnlyList<TripartiteReview>? reviews = null,
        IReadOnlyList<UsageReport>? usage = null, IReadOnlyList<RepaymentClaim>? claims = null, IReadOnlyList<Surplus>? surpluses = null,
        IReadOnlyList<ActivityEntry>? activities = null, IReadOnlyList<NightWalk>? nightWalks = null)
    {
        Meetings = meetings ?? Meetings;
        Payments = payments ?? Payments;
        FollowUps = followUps ?? FollowUps;
        Quarterly = quarterly ?? Quarterly;
        Coordination = coordination ?? Coordination;
        Reviews = reviews ?? Reviews;
        Usage = usage ?? Usage;
        Claims = claims ?? Claims;
        Surpluses = surpluses ?? Surpluses;
        Activities = activities ?? Activities;
        NightWalks = nightWalks ?? NightWalks;
    }

    /// <summary>Every record the partnership holds in memory, of every kind, for the store to write back what changed.</summary>
    public IEnumerable<IPartnershipRecord> Records() =>
        Meetings.Cast<IPartnershipRecord>().Concat(Payments).Concat(FollowUps).Concat(Quarterly).Concat(Coordination).Concat(Reviews)
            .Concat(Usage).Concat(Claims).Concat(Surpluses).Concat(Activities).Concat(NightWalks);
}
