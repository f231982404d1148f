/// What the line server itself says to residents (the bot's answers come from `intents/`).
/// Short, kind, Chinese; never an error dump.
enum ServerMessages {
    /// The prompt after every reply: a person and a program both know the bot is waiting.
    static let prompt = "> "

    static func lineTooLong(_ limit: Int) -> String {
        // In characters a resident can count: a Chinese character is three bytes in UTF-8.
        "您发的这一行太长了（一行最多大约\(limit / 3)个汉字），连接先断开了。请分几次发，每次说一件事。"
    }
    static let undecodable = "抱歉，这一行的文字我读不出来。请用UTF-8或GBK编码再发一次。"
    static let idle = "您已经很久没有说话了，连接先断开。有事随时再连上来找我。"
    static let tooManyFromAddress = "您这里打开的连接太多了，请先关掉一些再连。"
    static let serverFull = "现在连线的居民太多了，请稍后再试，或直接打社区电话。"
    static let flood = "您发得太快了，请稍等一下再发。"
    static let floodClosed = "您一下子发了太多行，连接先断开了。请稍后再连上来，一次说一件事。"
    static let shuttingDown = "系统要维护一下，先断开连接。您说过的话都已保存，稍后再连上来就行。"
    static let failure = "不好意思，系统暂时出了点问题，这句话还没处理。请稍后再发一次。"
    /// Said after the greeting: how to get help and how to leave.
    static let commands = "输入 /help 查看帮助，输入 /quit 结束对话。"
    /// Said after the greeting: the code that brings this conversation back on a new connection.
    static func sessionCode(_ code: String) -> String {
        let shown = SessionCode.display(code)
        return "您的会话码是 \(shown)。如果断线了，重新连上后输入 /resume \(shown) 就能接着刚才的话说。"
    }
    static let resumed = "好的，接着刚才的话说。"
    static let unknownSessionCode = "这个会话码不对，没找到之前的对话。会话码在上次连上时的欢迎语里，像 HKR4-DP3R-X7QZ 这样一共12位。找不到也没关系，直接说您的事就行。"
}
