using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Funding;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data.Configurations;

namespace Samverka.Web.Data;

/// <summary>
/// What one approved case commits of one municipality's money in one year (<see cref="Commitments.Binding"/>)
/// as a row: derived, never edited, rewritten in the same transaction as every change of its case,
/// agreement, partnership or payments, so the frames, the lists and the open data all read one
/// figure by indexed year. Not audited: the audit log has the changes it follows from.
/// </summary>
public sealed class CommitmentRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid MunicipalityId { get; set; }
    public Guid CommitteeId { get; set; }
    public int Year { get; set; }
    public decimal Amount { get; set; }
    public decimal Paid { get; set; }
    public CommitmentBasis Basis { get; set; }

    public bool Matches(BindingCommitment b) =>
        CommitteeId == b.CommitteeId && Amount == b.Commitment.Amount && Paid == b.Commitment.Paid && Basis == b.Commitment.Basis;

    public void Set(BindingCommitment b) => (CommitteeId, Amount, Paid, Basis) = (b.CommitteeId, b.Commitment.Amount, b.Commitment.Paid, b.Commitment.Basis);
}

public sealed class CommitmentRowConfiguration : IEntityTypeConfiguration<CommitmentRow>
{
    public void Configure(EntityTypeBuilder<CommitmentRow> b)
    {
        b.ToTable("Commitments");
        b.Property(x => x.Amount).HasPrecision(14, 2);
        b.Property(x => x.Paid).HasPrecision(14, 2);
        b.Property(x => x.Basis).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CaseId, x.MunicipalityId, x.Year }).IsUnique();
        b.HasIndex(x => new { x.MunicipalityId, x.Year, x.CommitteeId });
    }
}

/// <summary>Reads what a case's money follows from and rebuilds its commitment rows (inside the save's transaction).</summary>
internal static class CommitmentRefresh
{
    /// <summary>Raised when <see cref="Commitments"/> changes, so that start-up rebuilds every case's rows.</summary>
    public const int RulesVersion = 1;

    public const string BuiltColumn = "CommitmentsBuilt";

    /// <summary>At start-up: the cases whose rows were built by older rules (or never) get theirs.</summary>
    public static Task RebuildOutdatedAsync(SamverkaDbContext db, CancellationToken ct) =>
        DerivedRows.RebuildAsync(db, () => db.Cases.IgnoreQueryFilters().Where(c => EF.Property<int>(c, BuiltColumn) < RulesVersion).Select(c => c.Id), RefreshAsync, ct);

    /// <summary>The cases whose money a save changes: the case itself, its agreements, its partnership and the partnership's payments.</summary>
    public static async Task<HashSet<Guid>> TouchedCasesAsync(SamverkaDbContext db, IEnumerable<Guid> cases, IEnumerable<Guid> agreements, IReadOnlyCollection<Guid> partnerships,
        CancellationToken ct)
    {
        var touched = cases.ToHashSet();
        var agreementIds = agreements.ToHashSet();
        if (partnerships.Count > 0)
        {
            agreementIds.UnionWith(await db.Partnerships.IgnoreQueryFilters().Where(p => partnerships.Contains(p.Id)).Select(p => p.AgreementId).ToListAsync(ct));
        }

        if (agreementIds.Count > 0)
        {
            touched.UnionWith(await db.Agreements.IgnoreQueryFilters().Where(a => agreementIds.Contains(a.Id) && a.CaseId != null).Select(a => a.CaseId!.Value).ToListAsync(ct));
        }

        return touched;
    }

    public static async Task RefreshAsync(SamverkaDbContext db, IReadOnlyCollection<Guid> caseIds, CancellationToken ct)
    {
        foreach (var id in caseIds)
        {
            // Marks the rules the rows are built by, and locks the case's row: two saves rebuild one after the other.
            await db.Cases.IgnoreQueryFilters().Where(x => x.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => EF.Property<int>(x, BuiltColumn), RulesVersion), ct);
            var c = await db.Cases.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            var stored = await db.Set<CommitmentRow>().IgnoreQueryFilters().Where(r => r.CaseId == id).ToListAsync(ct);
            var (agreement, partnership) = c is null ? (null, null) : await SourcesAsync(db, c, ct);
            var wanted = (c is null ? [] : Commitments.Binding(c, agreement, partnership)).ToDictionary(b => (b.Commitment.MunicipalityId, b.Commitment.Year));
            foreach (var row in stored)
            {
                if (!wanted.Remove((row.MunicipalityId, row.Year), out var b))
                {
                    db.Set<CommitmentRow>().Remove(row);
                }
                else if (!row.Matches(b))
                {
                    row.Set(b);
                }
            }

            foreach (var b in wanted.Values)
            {
                var row = new CommitmentRow { CaseId = id, MunicipalityId = b.Commitment.MunicipalityId, Year = b.Commitment.Year };
                row.Set(b);
                db.Set<CommitmentRow>().Add(row);
            }
        }
    }

    /// <summary>A case's money per municipality and year on its present basis, decided or not (the case page's outlook).</summary>
    public static async Task<IReadOnlyList<Commitment>> PlannedAsync(SamverkaDbContext db, Case c, CancellationToken ct)
    {
        var (agreement, partnership) = await SourcesAsync(db, c, ct);
        return Commitments.Planned(c, agreement, partnership);
    }

    /// <summary>
    /// The agreement that decides the case's money and its partnership with the payments: the
    /// agreement in force (the last amendment applied) once the partnership runs, else the
    /// agreement being written.
    /// </summary>
    private static async Task<(AgreementContent? Agreement, Partnership? Partnership)> SourcesAsync(SamverkaDbContext db, Case c, CancellationToken ct)
    {
        var original = await db.Agreements.IgnoreQueryFilters().AsNoTracking().Where(a => a.CaseId == c.Id && a.AmendsId == null)
            .Select(a => new { a.Id, a.Content }).FirstOrDefaultAsync(ct);
        if (original is null)
        {
            return (null, null);
        }

        var partnership = await db.Partnerships.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.AgreementId == original.Id, ct);
        if (partnership is null)
        {
            return (original.Content, null);
        }

        var payments = await db.Set<Payment>().IgnoreQueryFilters().AsNoTracking()
            .Where(x => EF.Property<Guid>(x, PartnershipRecordTables.PartnershipId) == partnership.Id).ToListAsync(ct);
        partnership.Load(payments: payments);
        var lastAmendment = partnership.Amendments.Count == 0 ? (Guid?)null : partnership.Amendments[^1].AgreementId;
        var inForce = lastAmendment is not { } amendment ? original.Content
            : await db.Agreements.IgnoreQueryFilters().AsNoTracking().Where(a => a.Id == amendment).Select(a => a.Content).FirstAsync(ct);
        return (inForce, partnership);
    }
}
