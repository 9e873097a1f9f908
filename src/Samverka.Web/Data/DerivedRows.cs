using Microsoft.EntityFrameworkCore;

namespace Samverka.Web.Data;

/// <summary>
/// Rows derived from a record and rebuilt with every save of it (a partnership's obligations, a
/// case's commitments). When their rules change, start-up rebuilds the records still built by
/// older rules: a hundred at a time, each batch in its own transaction.
/// </summary>
internal static class DerivedRows
{
    public static async Task RebuildAsync(SamverkaDbContext db, Func<IQueryable<Guid>> outdated,
        Func<SamverkaDbContext, IReadOnlyCollection<Guid>, CancellationToken, Task> refresh, CancellationToken ct)
    {
        while (true)
        {
            var ids = await outdated().OrderBy(id => id).Take(100).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await refresh(db, ids, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
