package main

// JSON shapes exchanged with a portable plugin, written the way eKuiper's
// host marshals them (Go encoding/json, same field names and omitempty rules).

// meta identifies a symbol instance; functions use the zero value.
type meta struct {
	RuleID     string `json:"ruleId"`
	OpID       string `json:"opId"`
	InstanceID int    `json:"instanceId"`
}

// funcMeta is the context passed as the last Exec argument (as a string).
type funcMeta struct {
	meta
	FuncID int `json:"funcId"`
}

// control is the document carried, as a string, in command.Arg.
type control struct {
	SymbolName string                 `json:"symbolName"`
	Meta       meta                   `json:"meta"`
	PluginType string                 `json:"pluginType"`
	DataSource string                 `json:"dataSource,omitempty"`
	Config     map[string]interface{} `json:"config,omitempty"`
}

// command is one message on the control channel.
type command struct {
	Cmd string `json:"cmd"`
	Arg string `json:"arg"`
}

// funcRequest is one request on a function channel.
type funcRequest struct {
	Func string      `json:"func"`
	Arg  interface{} `json:"arg"`
}

// funcReply is the plugin's answer on a function channel.
type funcReply struct {
	State  bool        `json:"state"`
	Result interface{} `json:"result"`
}

// sourceMessage is what a source sends for each tuple.
type sourceMessage struct {
	Message map[string]interface{} `json:"message"`
	Meta    map[string]interface{} `json:"meta"`
}

// ackMessage is a sink's answer after each collect when requireAck is set.
type ackMessage struct {
	Error string `json:"error"`
}
