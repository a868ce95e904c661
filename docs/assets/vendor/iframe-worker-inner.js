/*! iframe-worker 1.0.4 (https://github.com/squidfunk/iframe-worker), MIT licence, (c) Martin Donath: the set-up
    its shim wrote inline into the worker's frame, moved to this file (see iframe-worker-shim.js) and unchanged
    but for reading the worker's address from the frame. */
"use strict";(()=>{var f=document.body.dataset.url;self.postMessage=function(s,n){parent.postMessage(s,n||"*")};self.importScripts=function(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:f,error}))})})();
