using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;
using Samverka.Web.Infrastructure.Audit;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Data.Configurations;

public sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(40);
        b.HasOne<Municipality>().WithMany().HasForeignKey(u => u.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Committee>().WithMany().HasForeignKey(u => u.CommitteeId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(u => u.Organisations).WithOne().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(u => new { u.MunicipalityId, u.DisplayName });
    }
}

public sealed class UserOrganisationConfiguration : IEntityTypeConfiguration<UserOrganisation>
{
    public void Configure(EntityTypeBuilder<UserOrganisation> b)
    {
        b.HasKey(x => new { x.UserId, x.OrganisationId });
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.OrganisationId);
    }
}

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.Property(s => s.UserAgent).HasMaxLength(300);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
    }
}

public sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.Property(t => t.SecretHash).HasMaxLength(64);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.SecretHash).IsUnique();
        b.HasIndex(t => t.UserId);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.ActorName).HasMaxLength(200);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.Action).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.TraceId).HasMaxLength(100);
        b.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        b.HasIndex(a => new { a.MunicipalityId, a.At });
        b.HasIndex(a => new { a.ParentId, a.At });
    }
}
