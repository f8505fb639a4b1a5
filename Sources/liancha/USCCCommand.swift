import ArgumentParser
import Inspection

/// `liancha uscc check CODE...`
struct USCCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uscc",
        abstract: "Unified social credit codes (统一社会信用代码, GB 32100-2015).",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check codes: one line each, valid or why not; exit status 1 if any is invalid."
        )

        @Argument(help: "The codes to check.")
        var codes: [String]

        func run() throws {
            var allValid = true
            for code in codes {
                do {
                    print("\(try USCC.validate(code)): valid")
                } catch {
                    allValid = false
                    print("\(code): invalid: \(error)")
                }
            }
            if !allValid { throw ExitCode(1) }
        }
    }
}
