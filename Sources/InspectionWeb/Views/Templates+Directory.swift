extension Templates {
    static let enterprises = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>检查对象名录（企业）</h1>
    <form method="get" action="/directory/enterprises" class="search">
      <input name="q" value="{{query}}" placeholder="名称、统一社会信用代码或地址"><button>搜索</button>
    </form>
    <p class="muted">共 {{total}} 户{{#more}}，显示前 {{shown}} 户，请缩小搜索范围{{/more}}。</p>
    <div class="scroll"><table>
      <thead><tr><th>企业</th><th>信用风险</th><th>经营状态</th><th>监管部门</th><th>标签</th></tr></thead>
      <tbody>{{#rows}}<tr><td>{{name}}<br><span class="muted mono">{{uscc}}</span><br><span class="muted">{{address}}</span></td><td>{{creditRisk}}</td><td>{{status}}</td><td>{{departments}}</td><td>{{labels}}</td></tr>{{/rows}}</tbody>
    </table></div>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let inspectors = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>执法检查人员名录</h1>
    <form method="get" action="/directory/inspectors" class="search">
      <select name="department"><option value="">全部部门</option>{{#departments}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/departments}}</select>
      <input name="q" value="{{query}}" placeholder="姓名、执法证号或专长"><button>搜索</button>
    </form>
    <p class="muted">共 {{total}} 人{{#more}}，请缩小搜索范围{{/more}}。</p>
    <div class="scroll"><table>
      <thead><tr><th>姓名</th><th>执法证号</th><th>部门</th><th>职务</th><th>专长</th><th>类别</th><th>在岗</th></tr></thead>
      <tbody>{{#rows}}<tr><td>{{name}}</td><td class="mono">{{certificate}}</td><td>{{department}}</td><td>{{post}}</td><td>{{specialties}}</td><td>{{kind}}</td><td>{{#onDuty}}是{{/onDuty}}{{^onDuty}}否{{/onDuty}}</td></tr>{{/rows}}</tbody>
    </table></div>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let importPage = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>导入名录与事项</h1>
    <p class="sub">与命令行 <code>liancha import</code> 相同的校验：CSV（UTF-8 或 GB18030）或 XLSX（第一个工作表）；第一行为表头；任何一行有错误则不导入任何数据，并逐行列出错误。</p>
    {{#ownDepartmentOnly}}<p class="muted">部门管理员只能导入本部门（{{department}}）的执法人员和抽查事项。</p>{{/ownDepartmentOnly}}
    {{#summary}}
    <section class="card ok-card" role="status">
      <h2>已导入「{{filename}}」（{{table}}）</h2>
      <p>新增 {{added}} 条，更新 {{changed}} 条，未变 {{unchanged}} 条。</p>
      {{#notes}}<p class="muted">{{.}}</p>{{/notes}}
      {{^empty(rejected)}}<p>以下行有错误，未导入：</p><ul class="details">{{#rejected}}<li>{{.}}</li>{{/rejected}}</ul>{{/empty(rejected)}}
    </section>
    {{/summary}}
    {{#problems}}
    <section class="card error-card" role="alert">
      <h2>未导入</h2>
      <p class="error">{{message}}</p>
      <ul class="details">{{#lines}}<li>{{.}}</li>{{/lines}}</ul>
    </section>
    {{/problems}}
    <form method="post" action="/directory/import" enctype="multipart/form-data" class="card stack">
      {{>csrf}}
      <fieldset><legend>导入哪一张表</legend>
        {{#tables}}<label class="check"><input type="radio" name="table" value="{{value}}"{{#selected}} checked{{/selected}} required> {{label}}<br><span class="muted small">表头：{{header}}</span></label>{{/tables}}
      </fieldset>
      <label>文件（.csv 或 .xlsx）<input type="file" name="file" accept=".csv,.xlsx" required></label>
      <label class="check"><input type="checkbox" name="skipInvalid" value="true"> 跳过有错误的行，只导入正确的行（错误行会列出）</label>
      <button class="primary big">上传并导入</button>
    </form>
    {{/content}}{{/body}}{{/layout}}
    """#

    static let audit = #"""
    {{<layout}}{{$body}}{{#content}}
    <h1>审计日志</h1>
    <p class="sub">只增不改，逐条哈希链接。共 {{total}} 条，显示最近 {{limit}} 条。</p>
    {{#anchor}}<p>审计链锚点（请打印留存，可用 <code>liancha audit verify --anchor</code> 核对）：<code class="anchor">{{anchor}}</code></p>{{/anchor}}
    <div class="scroll"><table class="audit">
      <thead><tr><th>#</th><th>时间</th><th>操作人</th><th>操作</th><th>内容</th></tr></thead>
      <tbody>{{#rows}}<tr><td class="num">{{id}}</td><td class="nowrap">{{at}}</td><td>{{operatorName}}</td><td>{{action}}</td><td>{{detail}}</td></tr>{{/rows}}</tbody>
    </table></div>
    {{/content}}{{/body}}{{/layout}}
    """#
}
