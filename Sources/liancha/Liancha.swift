import ArgumentParser

/// liancha (联查): cross-department "双随机、一公开" joint inspections.
@main
struct Liancha: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liancha",
        abstract: "联查 — cross-department \"双随机、一公开\" joint inspections.",
        discussion: """
            The database is liancha.sqlite in the current directory unless --database or the
            environment variable LIANCHA_DATABASE names another. Create it with `liancha init`.
            """,
        subcommands: [
            Init.self, Import.self, Export.self, Summary.self, USCCCommand.self, CalendarCommand.self,
            PolicyCommand.self, Classify.self, DrawCommand.self, CheckCommand.self, Coverage.self, PlanCommand.self,
            ReportCommand.self, WarningsCommand.self, AuditCommand.self, Demo.self,
            ServeCommand.self, UserCommand.self, VisitCommand.self, DatabaseCommand.self,
        ]
    )
}
