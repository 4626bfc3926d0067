;;; xl.cfg (Xen domain configuration) files in Emacs with eglot: a small
;;; major mode and the xlcfg language server. Emacs 28 with eglot from ELPA
;;; (Debian: elpa-eglot), or Emacs 29+ where eglot is built in.
;;; `xlcfg-language-server' must be on PATH; otherwise use
;;; ("node" "/path/to/xlcfg/bin/xlcfg-language-server.js" "--stdio").
(define-derived-mode xlcfg-mode prog-mode "xl.cfg"
  "Major mode for Xen xl.cfg domain configuration files."
  (modify-syntax-entry ?# "<" xlcfg-mode-syntax-table)
  (modify-syntax-entry ?\n ">" xlcfg-mode-syntax-table)
  (modify-syntax-entry ?' "\"" xlcfg-mode-syntax-table)
  (modify-syntax-entry ?= "." xlcfg-mode-syntax-table) ; name=value: `=' ends a word
  (modify-syntax-entry ?+ "." xlcfg-mode-syntax-table)
  (modify-syntax-entry ?. "_" xlcfg-mode-syntax-table) ; org.example.agent.0 is one name
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+[ \t]*"))

(add-to-list 'auto-mode-alist '("\\.xlcfg\\'" . xlcfg-mode))
(add-to-list 'auto-mode-alist '("\\.xl\\'" . xlcfg-mode))
(add-to-list 'auto-mode-alist '("/xlexample\\.[^/]*\\'" . xlcfg-mode))
(add-to-list 'auto-mode-alist '("/etc/xen/[^/]*\\.cfg\\'" . xlcfg-mode))
(add-to-list 'auto-mode-alist '("/etc/xen/auto/[^/]*\\'" . xlcfg-mode))

(require 'eglot)
(add-to-list 'eglot-server-programs '(xlcfg-mode . ("xlcfg-language-server" "--stdio")))
;; The same settings as in VS Code (xlcfg.channel.dialect, xlcfg.xen.version, xlcfg.rules).
(setq-default eglot-workspace-configuration
              '(:xlcfg (:channel (:dialect "auto") :xen (:version "4.20"))))
(add-hook 'xlcfg-mode-hook #'eglot-ensure)
