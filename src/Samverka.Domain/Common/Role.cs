namespace Samverka.Domain.Common;

/// <summary>What a user may do. One role per account; see docs/decisions/0003-roles-and-scoping.md.</summary>
public enum Role
{
    SystemAdministrator = 1,
    MunicipalAdministrator = 2,
    Official = 3,
    CommitteeMember = 4,
    OrganisationRepresentative = 5,
    Auditor = 6,
}

public static class RoleNames
{
    public static string Swedish(this Role role) => role switch
    {
        Role.SystemAdministrator => "Systemadministratör",
        Role.MunicipalAdministrator => "Kommunadministratör",
        Role.Official => "Handläggare",
        Role.CommitteeMember => "Nämndledamot",
        Role.OrganisationRepresentative => "Organisationsföreträdare",
        Role.Auditor => "Revisor",
        _ => role.ToString(),
    };

    /// <summary>Roles that act for a municipality and are bound to exactly one.</summary>
    public static bool IsMunicipal(this Role role) =>
        role is Role.MunicipalAdministrator or Role.Official or Role.CommitteeMember or Role.Auditor;

    /// <summary>Administrators must use a second factor (TOTP) to sign in.</summary>
    public static bool RequiresSecondFactor(this Role role) =>
        role is Role.SystemAdministrator or Role.MunicipalAdministrator;
}
