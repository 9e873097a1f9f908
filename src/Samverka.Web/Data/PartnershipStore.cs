using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data.Configurations;

namespace Samverka.Web.Data;

/// <summary>
/// Reads a partnership with the kinds of record a change or a page needs, each from its own
/// table (ADR 0012). Writing back is the DbContext's (<see cref="SamverkaDbContext.SyncPartnershipRecords"/>).
/// </summary>
public static class PartnershipStore
{
    /// <summary>One record kind's rows of a partnership, in the user's scope.</summary>
    public static IQueryable<T> RecordsOf<T>(this SamverkaDbContext db, Guid partnershipId) where T : class, IPartnershipRecord =>
        db.Set<T>().Where(x => EF.Property<Guid>(x, PartnershipRecordTables.PartnershipId) == partnershipId);

    /// <summary>
    /// Holds the partnership's row until the transaction ends, so changes of one partnership run one
    /// after the other (PostgreSQL: a row lock; SQLite: the transaction is begun IMMEDIATE and so
    /// already holds the database's write lock).
    /// </summary>
    public static async Task LockPartnershipAsync(this SamverkaDbContext db, Guid id, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Partnerships\" WHERE \"Id\" = {id} FOR UPDATE", ct);
        }
    }

    public static Task<Partnership?> FindPartnershipAsync(this SamverkaDbContext db, Guid id, RecordKinds kinds, CancellationToken ct, bool tracking = true) =>
        db.FindPartnershipAsync(p => p.Id == id, kinds, ct, tracking);

    public static async Task<Partnership?> FindPartnershipAsync(this SamverkaDbContext db, Expression<Func<Partnership, bool>> which, RecordKinds kinds, CancellationToken ct,
        bool tracking = true)
    {
        var roots = tracking ? db.Partnerships : db.Partnerships.AsNoTracking();
        var p = await roots.FirstOrDefaultAsync(which, ct);
        if (p is not null)
        {
            await db.LoadRecordsAsync(p, kinds, tracking, ct);
        }

        return p;
    }

    /// <summary>Reads the kinds asked for into the partnership, each in its natural order.</summary>
    public static async Task LoadRecordsAsync(this SamverkaDbContext db, Partnership p, RecordKinds kinds, bool tracking, CancellationToken ct)
    {
        async Task<IReadOnlyList<T>?> Read<T>(RecordKinds kind, Func<IQueryable<T>, IQueryable<T>> order) where T : class, IPartnershipRecord
        {
            if (!kinds.HasFlag(kind))
            {
                return null;
            }

            var rows = db.RecordsOf<T>(p.Id);
            return await order(tracking ? rows : rows.AsNoTracking()).ToListAsync(ct);
        }

        p.Load(
            meetings: await Read<SteeringMeeting>(RecordKinds.Meetings, q => q.OrderBy(x => x.Date).ThenBy(x => x.Id)),
            payments: await Read<Payment>(RecordKinds.Payments, q => q.OrderBy(x => x.DueOn).ThenBy(x => x.Id)),
            followUps: await Read<YearlyFollowUp>(RecordKinds.FollowUps, q => q.OrderBy(x => x.Year)),
            quarterly: await Read<QuarterlyReport>(RecordKinds.Quarterly, q => q.OrderBy(x => x.Year).ThenBy(x => x.Quarter)),
            coordination: await Read<CoordinationMeeting>(RecordKinds.Coordination, q => q.OrderBy(x => x.Date).ThenBy(x => x.Id)),
            reviews: await Read<TripartiteReview>(RecordKinds.Reviews, q => q.OrderBy(x => x.Date).ThenBy(x => x.Id)),
            usage: await Read<UsageReport>(RecordKinds.Usage, q => q.OrderBy(x => x.From).ThenBy(x => x.Id)),
            claims: await Read<RepaymentClaim>(RecordKinds.Claims, q => q.OrderBy(x => x.ClaimedOn).ThenBy(x => x.Id)),
            surpluses: await Read<Surplus>(RecordKinds.Surpluses, q => q.OrderBy(x => x.Year)),
            activities: await Read<ActivityEntry>(RecordKinds.Activities, q => q.OrderBy(x => x.Date).ThenBy(x => x.Id)),
            nightWalks: await Read<NightWalk>(RecordKinds.NightWalks, q => q.OrderBy(x => x.Date).ThenBy(x => x.Id)));
    }
}
