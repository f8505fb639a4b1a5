/// The one stylesheet, served from the binary at `/static/app.css`: system fonts with Chinese
/// fallbacks, one column on phones, big tap targets for the results form. No web fonts, no CDN.
enum Stylesheet {
    static let css = #"""
    :root { --ink: #1f2933; --muted: #627d98; --line: #d9e2ec; --bg: #f5f7fa; --card: #fff; --accent: #0b6bcb;
            --ok: #1d7a46; --bad: #b42318; --warn: #b54708; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; background: var(--bg); color: var(--ink); line-height: 1.6; font-size: 16px;
           font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
                        "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
    a { color: var(--accent); }
    header.top { background: #10375c; color: #fff; padding: .6rem 1rem; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; }
    header.top a { color: #fff; text-decoration: none; }
    .brand { font-weight: 700; font-size: 1.25rem; }
    .brand small { font-weight: 400; font-size: .8rem; margin-left: .5rem; opacity: .8; }
    header nav { display: flex; flex-wrap: wrap; gap: .2rem .9rem; flex: 1; }
    header nav a { padding: .35rem 0; border-bottom: 2px solid transparent; }
    header nav a.current { border-bottom-color: #ffd166; }
    .who { display: flex; flex-wrap: wrap; gap: .2rem .6rem; align-items: center; font-size: .9rem; }
    .who span { opacity: .85; }
    .who button.link { color: #fff; }
    main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
    footer { text-align: center; color: var(--muted); font-size: .85rem; padding: 2rem 1rem; }
    h1 { font-size: 1.5rem; margin: .4rem 0 .2rem; }
    h2 { font-size: 1.2rem; margin: .2rem 0 .6rem; }
    h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
    .sub { color: var(--muted); margin: 0 0 1rem; }
    .muted { color: var(--muted); }
    .small { font-size: .85rem; }
    .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; word-break: break-all; }
    .nowrap { white-space: nowrap; }
    .crumbs { margin: 0; font-size: .9rem; color: var(--muted); }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.1rem; margin: 0 0 1rem; }
    .narrow { max-width: 460px; margin-left: auto; margin-right: auto; }
    .cards { list-style: none; padding: 0; margin: 0; display: grid; gap: .8rem; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
    .cards .card { margin: 0; }
    .cards .title { font-weight: 700; font-size: 1.1rem; display: block; }
    .titlebar { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
    .badge { display: inline-block; background: #e1effe; color: #0b4f8a; border-radius: 999px; padding: 0 .6rem; font-size: .85rem; }
    .badge.danger { background: #fde8e8; color: var(--bad); }
    .flash { background: #e6f6ec; border: 1px solid #b7e4c7; color: #14532d; padding: .7rem 1rem; border-radius: 8px; }
    .error { color: var(--bad); }
    .error-card { border-color: #f5c2c0; background: #fff7f7; }
    .ok-card { border-color: #b7e4c7; background: #f3fbf6; }
    .status { color: var(--muted); font-weight: 400; }
    .details { color: var(--bad); font-size: .92rem; }
    .ok { color: var(--ok); }
    .bad { color: var(--bad); }
    .big-line { font-size: 1.05rem; }
    .links { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
    .steps { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem; padding: 0; margin: .6rem 0 1rem; counter-reset: step; }
    .steps li { font-size: .8rem; padding: .15rem .55rem; border-radius: 6px; background: #e4e7eb; color: #52606d; }
    .steps li.done { background: #d3f0df; color: var(--ok); }
    .steps li.current { background: var(--accent); color: #fff; font-weight: 700; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
    dl.facts dt { color: var(--muted); }
    dl.facts dd { margin: 0; }
    table { border-collapse: collapse; width: 100%; font-size: .95rem; }
    th, td { border-bottom: 1px solid var(--line); padding: .45rem .5rem; text-align: left; vertical-align: top; }
    th { background: #f0f4f8; font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.overdue td { background: #fff1f0; color: var(--bad); }
    tr.done td { color: var(--muted); }
    table.stats th, table.stats td { border: 1px solid var(--line); text-align: center; }
    table.stats td:first-child { text-align: left; min-width: 11em; }
    table.stats tr.total td { font-weight: 700; background: #f0f4f8; }
    .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
    ul.items { padding-left: 1.2rem; margin: .3rem 0; }
    ul.items li { margin: .25rem 0; }
    ol.picks { columns: 2 320px; font-size: .92rem; }
    form.inline { display: inline; }
    form.stack { display: grid; gap: .8rem; }
    label { display: grid; gap: .25rem; }
    label.check { display: flex; gap: .5rem; align-items: flex-start; }
    label.check input { margin-top: .35rem; }
    input, select, textarea { font: inherit; padding: .55rem .65rem; border: 1px solid #bcccdc; border-radius: 8px; background: #fff; width: 100%; }
    input[type=checkbox], input[type=radio] { width: 1.15rem; height: 1.15rem; padding: 0; flex: none; }
    fieldset { border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; margin: 0; }
    legend { padding: 0 .3rem; }
    .checklist strong, ul.items strong { white-space: nowrap; }
    .checklist { display: grid; gap: .35rem; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
    .grid { display: grid; gap: .8rem; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); }
    .grid.four { grid-template-columns: repeat(auto-fill, minmax(110px, 1fr)); }
    button, .button { font: inherit; display: inline-block; padding: .55rem 1.1rem; border-radius: 8px; border: 1px solid #9fb3c8;
                      background: #fff; color: var(--ink); cursor: pointer; text-decoration: none; min-height: 44px; }
    button.primary, .button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
    button.big { font-size: 1.1rem; padding: .8rem 1.2rem; width: 100%; }
    button.link { background: none; border: none; padding: 0; min-height: 0; color: var(--accent); text-decoration: underline; }
    button.link.danger { color: var(--bad); margin-left: .5rem; }
    .actions { display: flex; flex-wrap: wrap; gap: .6rem; margin: .6rem 0; align-items: flex-end; }
    .draw-form { min-width: min(100%, 480px); }
    .search { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0 1rem; }
    .search input { flex: 1 1 220px; width: auto; }
    .search select { flex: 0 1 260px; width: auto; }
    .search label { display: flex; align-items: center; gap: .25rem; }
    fieldset.item { margin: 0; }
    .item legend { font-size: 1.05rem; }
    .hint { color: var(--muted); font-size: .9rem; margin: .2rem 0 .5rem; }
    .choices { display: grid; grid-template-columns: 1fr 1fr; gap: .6rem; margin: .4rem 0 .6rem; }
    .choice { display: flex; align-items: center; justify-content: center; gap: .5rem; min-height: 56px; border: 2px solid #bcccdc;
              border-radius: 10px; font-size: 1.1rem; font-weight: 600; cursor: pointer; background: #fff; }
    .choice input { width: 1.4rem; height: 1.4rem; }
    .choice.ok:has(input:checked) { border-color: var(--ok); background: #e6f6ec; color: var(--ok); }
    .choice.bad:has(input:checked) { border-color: var(--bad); background: #fde8e8; color: var(--bad); }
    .verdict { font-size: 1.1rem; padding: .8rem 1rem; border-radius: 8px; background: #eef2f7; }
    .verdict.ok { background: #e6f6ec; color: var(--ok); }
    .verdict.bad { background: #fde8e8; color: var(--bad); }
    svg.chart { max-width: 720px; display: block; }
    svg.chart text { font-size: 12px; fill: var(--ink); }
    svg.chart text.group { font-size: 13px; }
    svg.chart line.sep { stroke: var(--line); }
    details { margin: .6rem 0; }
    summary { cursor: pointer; color: var(--accent); min-height: 44px; display: flex; align-items: center; }
    code { background: #eef2f7; padding: 0 .3rem; border-radius: 4px; }
    @media (max-width: 640px) {
      body { font-size: 17px; }
      main { padding: .6rem; }
      .card { padding: .8rem; }
      dl.facts { grid-template-columns: 1fr; }
      dl.facts dt { margin-top: .4rem; }
      header nav { order: 3; flex-basis: 100%; }
      th, td { padding: .4rem .35rem; }
    }
    @media print { header.top, footer, form, .links { display: none; } body { background: #fff; } .card { border: none; } }
    """#
}
