using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data.Configurations;

namespace Samverka.Web.Data;

/// <summary>
/// One obligation of a partnership (<see cref="Obligation"/>) as a row: derived, never edited,
/// rewritten in the same transaction as every change of its partnership, so the start pages and
/// the due list select by indexed dates. Not audited: the audit log has the changes it follows from.
/// </summary>
public sealed class ObligationRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; set; }
    public Guid MunicipalityId { get; set; }
    public string Key { get; set; } = "";
    public DueKind Kind { get; set; }
    public Audience Audience { get; set; }
    public string Text { get; set; } = "";
    public DateOnly ShowFrom { get; set; }
    public DateOnly By { get; set; }
    public DateOnly HideAfter { get; set; }

    public bool Matches(Obligation o) =>
        Kind == o.Kind && Audience == o.Audience && Text == o.Text && ShowFrom == o.ShowFrom && By == o.By && HideAfter == o.HideAfter;

    public void Set(Obligation o)
    {
        (Kind, Audience, Text, ShowFrom, By, HideAfter) = (o.Kind, o.Audience, o.Text, o.ShowFrom, o.By, o.HideAfter);
    }
}

public sealed class ObligationRowConfiguration : IEntityTypeConfiguration<ObligationRow>
{
    public void Configure(EntityTypeBuilder<ObligationRow> b)
    {
        b.ToTable("Obligations");
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(500);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Audience).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Partnership>().WithMany().HasForeignKey(x => x.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PartnershipId, x.Key }).IsUnique();
        b.HasIndex(x => new { x.PartnershipId, x.Audience, x.ShowFrom });
    }
}

/// <summary>Rebuilds the obligations of the partnerships a save touched, from what the database now holds (inside the save's transaction).</summary>
internal static class ObligationRefresh
{
    /// <summary>Raised when the rules of <see cref="Partnership.Obligations"/> change, so that start-up rebuilds every partnership's rows.</summary>
    public const int RulesVersion = 4; // 2: a month's meeting is held by any ordinary meeting that month; 3: tripartite reviews and the extension month; 4: meetings and deadlines on working days

    public const string BuiltColumn = "ObligationsBuilt";

    /// <summary>At start-up: the partnerships whose rows were built by older rules (or never, as after the upgrade to record tables) get theirs.</summary>
    public static Task RebuildOutdatedAsync(SamverkaDbContext db, CancellationToken ct) =>
        DerivedRows.RebuildAsync(db, () => db.Partnerships.IgnoreQueryFilters().Where(p => EF.Property<int>(p, BuiltColumn) < RulesVersion).Select(p => p.Id), RefreshAsync, ct);

    public static async Task RefreshAsync(SamverkaDbContext db, IReadOnlyCollection<Guid> partnershipIds, CancellationToken ct)
    {
        foreach (var id in partnershipIds)
        {
            // Marks the rules the rows are built by, and locks the partnership's row: two saves of one
            // partnership rebuild one after the other, each from the other's committed records.
            await db.Partnerships.IgnoreQueryFilters().Where(x => x.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => EF.Property<int>(x, BuiltColumn), RulesVersion), ct);

            var p = await db.Partnerships.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            var stored = await db.Set<ObligationRow>().IgnoreQueryFilters().Where(o => o.PartnershipId == id).ToListAsync(ct);
            if (p is null)
            {
                db.Set<ObligationRow>().RemoveRange(stored);
                continue;
            }

            // Only what the obligations follow from: held meeting dates, the state of each report, the payments not yet made, the first referral and the reviews held.
            var held = await Rows<SteeringMeeting>(db, id).Select(m => new { m.Date, m.Kind }).ToListAsync(ct);
            var followUps = await Rows<YearlyFollowUp>(db, id).Select(f => new { f.Year, f.Assessment, f.SubmittedOn }).ToListAsync(ct);
            var quarterly = await Rows<QuarterlyReport>(db, id).Select(q => new { q.Year, q.Quarter, q.SavedOn, q.PresentedToCommittee, q.PresentedToBoard }).ToListAsync(ct);
            var unpaid = await Rows<Payment>(db, id).Where(x => x.PaidOn == null && !x.Cancelled).ToListAsync(ct);
            var referred = await Rows<CoordinationMeeting>(db, id).OrderBy(c => c.Date).Select(c => c.Date).Take(1).ToListAsync(ct);
            var reviewed = await Rows<TripartiteReview>(db, id).Select(r => r.Date).ToListAsync(ct);
            p.Load(
                meetings: held.Select(m => new SteeringMeeting(Guid.Empty, m.Date, m.Kind, null, [], null, [], "", default)).ToList(),
                followUps: followUps.Select(f => new YearlyFollowUp(f.Year, "", new Dictionary<string, decimal>(), f.SubmittedOn, "", f.Assessment)).ToList(),
                quarterly: quarterly.Select(q => new QuarterlyReport(q.Year, q.Quarter, "", null, q.SavedOn, "", q.PresentedToCommittee, q.PresentedToBoard)).ToList(),
                payments: unpaid,
                coordination: referred.Select(d => new CoordinationMeeting(Guid.Empty, d, "", "", "", "")).ToList(),
                reviews: reviewed.Select(d => new TripartiteReview(Guid.Empty, d, "", "", 0, "")).ToList());
            var wanted = p.Obligations().ToDictionary(o => o.Key);
            foreach (var row in stored)
            {
                if (!wanted.Remove(row.Key, out var o))
                {
                    db.Set<ObligationRow>().Remove(row);
                }
                else if (!row.Matches(o))
                {
                    row.Set(o);
                }
            }

            foreach (var o in wanted.Values)
            {
                var row = new ObligationRow { PartnershipId = id, MunicipalityId = p.MunicipalityId, Key = o.Key };
                row.Set(o);
                db.Set<ObligationRow>().Add(row);
            }
        }
    }

    private static IQueryable<T> Rows<T>(SamverkaDbContext db, Guid id) where T : class, IPartnershipRecord =>
        db.Set<T>().IgnoreQueryFilters().AsNoTracking().Where(x => EF.Property<Guid>(x, PartnershipRecordTables.PartnershipId) == id);
}
