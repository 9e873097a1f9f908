using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;

namespace Samverka.Web.Features.Municipalities;

public sealed record MunicipalityDto(Guid Id, string Name, string OrgNumber, string Slug, string? ContactEmail, int DayNoteRetentionMonths, Guid Version)
{
    public static MunicipalityDto From(Municipality m) => new(m.Id, m.Name, m.OrgNumber, m.Slug, m.ContactEmail, m.DayNoteRetentionMonths, m.Version);
}

public sealed record CommitteeDto(Guid Id, Guid MunicipalityId, string Name, bool IsExecutiveBoard, string? Remit, string? CaseNumberPrefix, Guid Version)
{
    public static CommitteeDto From(Committee c) => new(c.Id, c.MunicipalityId, c.Name, c.IsExecutiveBoard, c.Remit, c.CaseNumberPrefix, c.Version);
}

public sealed class MunicipalityInput
{
    public string Name { get; set; } = "";
    public string? OrgNumber { get; set; }
    public string? ContactEmail { get; set; }

    /// <summary>Months day notes about participants are kept; empty keeps the current period (12 for a new municipality).</summary>
    public int? DayNoteRetentionMonths { get; set; }
    public Guid? Version { get; set; }
}

public sealed class CommitteeInput
{
    public string Name { get; set; } = "";
    public string? Remit { get; set; }
    public string? CaseNumberPrefix { get; set; }
    public Guid? Version { get; set; }
}

/// <summary>Municipalities (tenants) and their committees, shared by pages and API.</summary>
public sealed class MunicipalityService(SamverkaDbContext db)
{
    public async Task<Page<MunicipalityDto>> ListAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Page<MunicipalityDto>.Clamp(page, pageSize);
        var q = db.Municipalities.AsNoTracking();
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(m => m.Name).ThenBy(m => m.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new(items.Select(MunicipalityDto.From).ToList(), number, size, total);
    }

    public Task<Municipality?> FindAsync(Guid id, CancellationToken ct) => db.Municipalities.FirstOrDefaultAsync(m => m.Id == id, ct);

    public async Task<Municipality> CreateAsync(MunicipalityInput input, CancellationToken ct)
    {
        var number = OrgNumber.Parse(input.OrgNumber);
        if (number.Group != 2)
        {
            throw new DomainException("En kommuns organisationsnummer börjar på 2 (till exempel 212000-1421).", nameof(MunicipalityInput.OrgNumber));
        }

        var municipality = new Municipality(input.Name, number.ToString());
        municipality.SetContactEmail(input.ContactEmail);
        if (input.DayNoteRetentionMonths is not null)
        {
            municipality.SetDayNoteRetention(input.DayNoteRetentionMonths);
        }

        if (await db.Municipalities.IgnoreQueryFilters().AnyAsync(m => m.Slug == municipality.Slug, ct))
        {
            throw new DomainException($"Kommunen {municipality.Name} finns redan.", nameof(MunicipalityInput.Name));
        }

        db.Municipalities.Add(municipality);
        // Every municipality has exactly one kommunstyrelse, the body above all committees.
        db.Committees.Add(new Committee(municipality.Id, "Kommunstyrelsen", isExecutiveBoard: true));
        await db.SaveChangesAsync(ct);
        return municipality;
    }

    public async Task UpdateAsync(Municipality municipality, MunicipalityInput input, CancellationToken ct)
    {
        db.Entry(municipality).Property(m => m.Version).OriginalValue = RequireVersion(input.Version);
        municipality.Rename(input.Name);
        municipality.SetContactEmail(input.ContactEmail);
        if (input.DayNoteRetentionMonths is not null)
        {
            municipality.SetDayNoteRetention(input.DayNoteRetentionMonths);
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<CommitteeDto>> CommitteesAsync(Guid municipalityId, CancellationToken ct) =>
        (await db.Committees.AsNoTracking().Where(c => c.MunicipalityId == municipalityId)
            .OrderByDescending(c => c.IsExecutiveBoard).ThenBy(c => c.Name).ToListAsync(ct))
        .Select(CommitteeDto.From).ToList();

    public Task<Committee?> FindCommitteeAsync(Guid id, CancellationToken ct) => db.Committees.FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Committee> AddCommitteeAsync(Municipality municipality, CommitteeInput input, CancellationToken ct)
    {
        var committee = new Committee(municipality.Id, input.Name, isExecutiveBoard: false, input.Remit);
        committee.Update(input.Name, input.Remit, input.CaseNumberPrefix);
        await EnsureUniqueName(committee.MunicipalityId, committee.Name, null, ct);
        db.Committees.Add(committee);
        await db.SaveChangesAsync(ct);
        return committee;
    }

    public async Task UpdateCommitteeAsync(Committee committee, CommitteeInput input, CancellationToken ct)
    {
        db.Entry(committee).Property(c => c.Version).OriginalValue = RequireVersion(input.Version);
        committee.Update(input.Name, input.Remit, input.CaseNumberPrefix);
        await EnsureUniqueName(committee.MunicipalityId, committee.Name, committee.Id, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task EnsureUniqueName(Guid municipalityId, string name, Guid? self, CancellationToken ct)
    {
        if (await db.Committees.AnyAsync(c => c.MunicipalityId == municipalityId && c.Name == name && c.Id != self, ct))
        {
            throw new DomainException($"Kommunen har redan en nämnd som heter {name}.", nameof(CommitteeInput.Name));
        }
    }

    private static Guid RequireVersion(Guid? version) =>
        version ?? throw new DomainException("Versionen saknas: läs posten först och skicka med dess version.", "Version");
}
